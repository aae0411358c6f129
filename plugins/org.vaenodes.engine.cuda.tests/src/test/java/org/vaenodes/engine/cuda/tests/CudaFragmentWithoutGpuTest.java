package org.vaenodes.engine.cuda.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.Trainer;
import org.vaenodes.engine.train.TrainingConfig;
import org.vaenodes.engine.train.TrainingData;
import org.vaenodes.engine.train.TrainingResult;

/**
 * Equinox with the engine AND its CUDA 11.6 backend fragment — what a user gets who installs the CUDA feature. Made
 * for a machine without an NVIDIA GPU or driver (the wrong machine for that feature): CUDA is refused with a clear
 * reason, AUTO falls back to the CPU, and training works there. On a machine with the driver the same checks run
 * for what that machine offers instead (CUDA starts, or the refusal names what else is missing); the tests that do
 * not apply are skipped with an assumption message saying which kind of machine this is, and
 * {@link #theCudaFragmentIsAttachedToTheEngine()} prints it.
 *
 * <p>ND4J starts once per JVM: the tests run in their declared order, the CUDA request before anything starts ND4J.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CudaFragmentWithoutGpuTest {

    /** What this machine offers for CUDA, probed without loading native code (the engine's own check). */
    private static BackendProbe probe() {
        return BackendProbe.detect(Nd4jRuntime.class.getClassLoader());
    }

    private static boolean cudaUsable(BackendProbe p) {
        return p.cudaBackendPresent() && p.driverPresent() && p.cudaRuntimePresent();
    }

    /** Which kind of machine this is, for assumption messages and the log. */
    private static String machine(BackendProbe p) {
        return "NVIDIA driver " + (p.driverPresent() ? "present" : "absent") + " (" + p.driverDetail()
            + "); CUDA runtime " + (p.cudaRuntimePresent() ? "present" : "absent") + " (" + p.runtimeDetail()
            + "); CUDA " + (cudaUsable(p) ? "usable" : "not usable");
    }

    @Test
    @Order(1)
    void theCudaFragmentIsAttachedToTheEngine() {
        // the engine is lazy and may not be started yet: look around from this (started) test bundle
        Bundle[] all = FrameworkUtil.getBundle(CudaFragmentWithoutGpuTest.class).getBundleContext().getBundles();
        assertTrue(Arrays.stream(all).anyMatch(b -> b.getSymbolicName().equals("org.vaenodes.engine.cuda")
            && b.getState() == Bundle.RESOLVED), "CUDA fragment must be installed and resolved");
        BackendProbe probe = probe();
        assertTrue(probe.cudaBackendPresent(), "ND4J's CUDA backend classes are visible through the engine");
        // the driver is the machine's business, not the fragment's: the probe must say where it found it or where
        // it looked, whichever kind of machine this is
        if (probe.driverPresent()) {
            assertTrue(probe.driverDetail().startsWith("found ") && probe.driverDetail().contains("libcuda.so.1"),
                probe.driverDetail());
        } else {
            assertTrue(probe.driverDetail().contains("libcuda.so.1 not found in ")
                || probe.driverDetail().contains("Linux x86_64 only"), probe.driverDetail());
        }
        System.out.println("CudaFragmentWithoutGpuTest on this machine: " + machine(probe));
    }

    @Test
    @Order(2)
    void cudaRequestedIsRefusedNamingTheMissingDriver() {
        BackendProbe probe = probe();
        assumeFalse(probe.driverPresent(), () -> "this machine has an NVIDIA driver, so no missing driver can be "
            + "named (" + machine(probe) + "); cudaRequestedWhereTheDriverIsStartsCudaOrNamesWhatElseIsMissing "
            + "checks this machine");
        assertFalse(Nd4jRuntime.isStarted(), "ND4J must not be started before this check");
        BackendUnavailableException e =
            assertThrows(BackendUnavailableException.class, () -> Nd4jRuntime.ensureStarted(BackendChoice.CUDA));
        assertTrue(e.getMessage().contains("libcuda.so.1"), e.getMessage());
        assertFalse(Nd4jRuntime.isStarted(), "a refused CUDA request leaves ND4J unstarted, so CPU still works");
    }

    @Test
    @Order(3)
    void cudaRequestedWhereTheDriverIsStartsCudaOrNamesWhatElseIsMissing() {
        BackendProbe probe = probe();
        assumeTrue(probe.driverPresent(), () -> "no NVIDIA driver on this machine (" + machine(probe)
            + "); cudaRequestedIsRefusedNamingTheMissingDriver checks this machine");
        assertFalse(Nd4jRuntime.isStarted(), "ND4J must not be started before this check");
        if (cudaUsable(probe)) {
            BackendStatus status = Nd4jRuntime.ensureStarted(BackendChoice.CUDA);
            assertTrue(status.isCuda(), status.toString());
            assertTrue(status.reason().contains("CUDA requested"), status.reason());
            assertEquals("JCublasBackend", Nd4jRuntime.ensureStarted());
        } else {
            BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Nd4jRuntime.ensureStarted(BackendChoice.CUDA));
            assertFalse(e.getMessage().contains("libcuda.so.1 not loadable"), "the driver is there: " + e.getMessage());
            assertTrue(e.getMessage().contains("CUDA 11.6 runtime is missing"), e.getMessage());
            assertFalse(Nd4jRuntime.isStarted(), "a refused CUDA request leaves ND4J unstarted, so CPU still works");
        }
    }

    @Test
    @Order(4)
    void autoFallsBackToTheCpuWithTheReasonAndTrains() {
        BackendProbe probe = probe();
        assumeFalse(cudaUsable(probe), () -> "CUDA is usable on this machine, so AUTO does not fall back ("
            + machine(probe) + "); autoUsesCudaWhereItIsUsableAndTrains checks this machine");
        BackendStatus status = Nd4jRuntime.ensureStarted(BackendChoice.AUTO);
        assertEquals("CPU", status.backend());
        // the reason names exactly what is missing: the driver on a machine without one, the CUDA runtime if the
        // backend is installed without it
        assertEquals(!probe.driverPresent(), status.reason().contains("libcuda.so.1 not loadable"), status.reason());
        assertEquals(probe.cudaBackendPresent() && !probe.cudaRuntimePresent(),
            status.reason().contains("CUDA 11.6 runtime is missing"), status.reason());

        TrainingResult r = trainSmallVae();
        assertEquals("CpuBackend", r.backend());
        assertTrue(r.history().get(2).trainNegElbo() < r.history().get(0).trainNegElbo());
    }

    @Test
    @Order(5)
    void autoUsesCudaWhereItIsUsableAndTrains() {
        BackendProbe probe = probe();
        assumeTrue(cudaUsable(probe), () -> "CUDA is not usable on this machine (" + machine(probe)
            + "); autoFallsBackToTheCpuWithTheReasonAndTrains checks this machine");
        BackendStatus status = Nd4jRuntime.ensureStarted(BackendChoice.AUTO);
        assertTrue(status.isCuda(), status.toString());

        TrainingResult r = trainSmallVae();
        assertEquals("JCublasBackend", r.backend());
        assertTrue(r.history().get(2).trainNegElbo() < r.history().get(0).trainNegElbo());
    }

    private static TrainingResult trainSmallVae() {
        float[] x = new float[200 * 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((i * 7919) % 13) / 13f;
        }
        return Trainer.train(VaeConfig.of(16, new int[] {8}, 2), new TrainingData(x, 200, 16, null),
            // batches of 32 at lr 1e-2: enough steps that the loss falls clearly beyond the sampling noise
            new TrainingConfig(3, 32, 1e-2, 1, 0.0, 0, false), null, () -> false);
    }
}
