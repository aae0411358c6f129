package org.vaenodes.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.vaenodes.engine.backend.Nd4jRuntime;
import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.data.MnistDataset;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.EpochStats;
import org.vaenodes.engine.train.Trainer;
import org.vaenodes.engine.train.TrainingConfig;
import org.vaenodes.engine.train.TrainingData;
import org.vaenodes.engine.train.TrainingResult;

/**
 * Runs inside Equinox: the embedded ND4J jars and natives load from the engine bundle's own class path, the
 * built-in sample is found inside the bundle, and a small VAE really trains there.
 */
class EngineInOsgiTest {

    @Test
    void engineIsARealOsgiBundle() {
        Bundle engine = FrameworkUtil.getBundle(Nd4jRuntime.class);
        assertNotNull(engine, "engine classes must come from an OSGi bundle, not the flat class path");
        assertEquals("org.vaenodes.engine", engine.getSymbolicName());
    }

    @Test
    void nd4jCpuBackendLoadsInsideOsgi() {
        assertEquals("CpuBackend", Nd4jRuntime.ensureStarted());
        // the engine's embedded JNA works inside OSGi: it found the OpenBLAS that ND4J loaded and asked its kernels
        String device = Nd4jRuntime.status().device();
        assertTrue(device.matches(".*, OpenBLAS \\w+ kernels"), device);
    }

    @Test
    void nd4jIsPrivateToTheEngineBundle() {
        // this test bundle requires the engine, yet must not see ND4J: the engine exports only its own API
        assertThrowsClassNotFound("org.nd4j.linalg.factory.Nd4j");
        assertThrowsClassNotFound("org.bytedeco.javacpp.Loader");
    }

    @Test
    void aSmallVaeTrainsOnTheBuiltInSampleInsideOsgi() throws Exception {
        MnistDataset digits = BuiltInSample.load(BuiltInSample.Split.TRAIN, 600);
        float[] x = new float[digits.size() * digits.pixelsPerImage()];
        for (int i = 0; i < digits.size(); i++) {
            digits.images().copyImage(i, x, i * digits.pixelsPerImage(), true);
        }
        TrainingData data = new TrainingData(x, digits.size(), digits.pixelsPerImage(), null);
        TrainingResult result = Trainer.train(VaeConfig.of(784, new int[] {64}, 2), data,
            TrainingConfig.defaults(3, 7), null, () -> false);
        List<EpochStats> h = result.history();
        assertEquals(3, h.size());
        assertTrue(h.get(2).trainNegElbo() < h.get(0).trainNegElbo(),
            "-ELBO must fall: " + h.get(0).trainNegElbo() + " -> " + h.get(2).trainNegElbo());
        assertEquals("CpuBackend", result.backend());
        // provenance names the engine bundle's real version and the network as it was trained
        assertEquals(FrameworkUtil.getBundle(Trainer.class).getVersion().toString(),
            result.provenance().engineVersion());
        assertTrue(result.provenance().architecture().startsWith("784-64-2 / 2-64-784, RELU, BERNOULLI, β=1.0"),
            result.provenance().architecture());
    }

    private static void assertThrowsClassNotFound(String name) {
        try {
            EngineInOsgiTest.class.getClassLoader().loadClass(name);
            throw new AssertionError(name + " leaked out of the engine bundle");
        } catch (ClassNotFoundException expected) {
            // good: the class is invisible outside the engine
        }
    }
}
