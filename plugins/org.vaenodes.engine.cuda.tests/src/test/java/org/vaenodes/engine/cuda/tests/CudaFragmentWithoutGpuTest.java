package org.vaenodes.engine.cuda.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.vaenodes.engine.backend.BackendChoice;
import org.vaenodes.engine.backend.BackendProbe;
import org.vaenodes.engine.backend.BackendStatus;
import org.vaenodes.engine.backend.BackendUnavailableException;
import org.vaenodes.engine.backend.Nd4jRuntime;
import org.vaenodes.engine.model.VaeConfig;
import org.vaenodes.engine.train.Trainer;
import org.vaenodes.engine.train.TrainingConfig;
import org.vaenodes.engine.train.TrainingData;
import org.vaenodes.engine.train.TrainingResult;

/**
 * Equinox with the engine AND its CUDA 11.6 backend fragment, on a machine without an NVIDIA GPU or driver — what
 * a user gets who installs the CUDA feature on the wrong machine: CUDA is refused with a clear reason, AUTO falls
 * back to the CPU, and training works there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CudaFragmentWithoutGpuTest {

    @Test
    @Order(1)
    void theCudaFragmentIsAttachedToTheEngine() {
        // the engine is lazy and may not be started yet: look around from this (started) test bundle
        Bundle[] all = FrameworkUtil.getBundle(CudaFragmentWithoutGpuTest.class).getBundleContext().getBundles();
        assertTrue(Arrays.stream(all).anyMatch(b -> b.getSymbolicName().equals("org.vaenodes.engine.cuda")
            && b.getState() == Bundle.RESOLVED), "CUDA fragment must be installed and resolved");
        BackendProbe probe = BackendProbe.detect(Nd4jRuntime.class.getClassLoader());
        assertTrue(probe.cudaBackendPresent(), "ND4J's CUDA backend classes are visible through the engine");
        assertFalse(probe.driverPresent(), "this test machine has no NVIDIA driver");
    }

    @Test
    @Order(2)
    void cudaRequestedIsRefusedNamingTheMissingDriver() {
        assertFalse(Nd4jRuntime.isStarted(), "ND4J must not be started before this check");
        BackendUnavailableException e =
            assertThrows(BackendUnavailableException.class, () -> Nd4jRuntime.ensureStarted(BackendChoice.CUDA));
        assertTrue(e.getMessage().contains("libcuda.so.1"), e.getMessage());
        assertFalse(Nd4jRuntime.isStarted(), "a refused CUDA request leaves ND4J unstarted, so CPU still works");
    }

    @Test
    @Order(3)
    void autoFallsBackToTheCpuWithTheReasonAndTrains() {
        BackendStatus status = Nd4jRuntime.ensureStarted(BackendChoice.AUTO);
        assertEquals("CPU", status.backend());
        assertTrue(status.reason().contains("driver") || status.reason().contains("libcuda"), status.reason());

        float[] x = new float[200 * 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((i * 7919) % 13) / 13f;
        }
        TrainingResult r = Trainer.train(VaeConfig.of(16, new int[] {8}, 2), new TrainingData(x, 200, 16, null),
            // batches of 32 at lr 1e-2: enough steps that the loss falls clearly beyond the sampling noise
            new TrainingConfig(3, 32, 1e-2, 1, 0.0, 0, false), null, () -> false);
        assertEquals("CpuBackend", r.backend());
        assertTrue(r.history().get(2).trainNegElbo() < r.history().get(0).trainNegElbo());
    }
}
