package org.vaenodes.engine.train.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.vaenodes.engine.concurrent.EngineThread;
import org.vaenodes.engine.network.GradientCheckTest;
import org.vaenodes.engine.network.NdArrays;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.network.Pass;
import org.vaenodes.engine.spec.AdamHyperparameters;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.TrainingConfig;
import org.vaenodes.engine.train.TrainingSession;

/**
 * The CPU path ({@link CpuTrainingSteps}) must compute the same model as the ND4J path, whose backward pass
 * {@link GradientCheckTest} checks against finite differences: same losses and gradients for every architecture
 * option, same Adam step, and results that do not depend on the number of lanes beyond float rounding.
 */
class CpuTrainingStepsTest {

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> configs() {
        return GradientCheckTest.configs();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void lossesAndGradientsEqualTheNd4jPath(VaeConfig cfg) {
        EngineThread.run(() -> compareWithNd4j(cfg, 37));
    }

    @Test
    void mnistSizedNetworkEqualsTheNd4jPath() {
        EngineThread.run(() -> compareWithNd4j(VaeConfig.of(784, new int[] {400}, 20), 64));
    }

    private static void compareWithNd4j(VaeConfig cfg, int rows) {
        Network vae = Network.create(cfg, 7);
        Random r = new Random(3);
        float[] x = new float[rows * cfg.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = cfg.likelihood() == Likelihood.BERNOULLI ? (r.nextBoolean() ? 0f : r.nextFloat())
                    : (float) r.nextGaussian();
        }
        int[] labels = null;
        if (cfg.numClasses() > 0) {
            labels = new int[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = r.nextInt(cfg.numClasses());
            }
        }
        float[] eps = new float[rows * cfg.latentSize()];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) r.nextGaussian();
        }
        // ND4J path
        double[] reconNd4j;
        double[] klNd4j;
        float[] gradNd4j;
        try (Pass p = new Pass(vae, rows, true)) {
            p.loadX(x, 0, rows);
            p.loadLabels(labels, 0, rows);
            NdArrays.writeRows(p.eps, 0, eps, 0, eps.length);
            INDArray grad = Nd4j.create(vae.dtype(), 1, vae.paramCount());
            vae.math().forward(p, true);
            try (INDArray rec = vae.math().reconRows(p); INDArray kl = vae.math().klRows(p)) {
                reconNd4j = rec.toDoubleVector();
                klNd4j = kl.toDoubleVector();
            }
            vae.math().backward(p, vae.bindAll(grad));
            gradNd4j = grad.toFloatVector();
        }
        // CPU path on the same rows and noise
        try (CpuTrainingSteps steps = new CpuTrainingSteps(vae, x, labels, 1e-3, 1, false)) {
            CpuPass cp = new CpuPass(vae, rows, true);
            cp.x.copyFrom(x, 0);
            if (labels != null) {
                for (int i = 0; i < rows; i++) {
                    cp.y.buf.put(i * cfg.numClasses() + labels[i], 1f);
                }
            }
            cp.eps.copyFrom(eps, 0);
            steps.math().forward(cp, true);
            CpuMatrix gradient = steps.math().gradient(cp, steps.lanes());
            assertArrayEquals(reconNd4j, cp.rowLoss, 1e-4 * cfg.inputSize(), "reconstruction loss per row, " + cfg);
            assertArrayEquals(klNd4j, cp.rowKl, 1e-4 * cfg.latentSize(), "KL per row, " + cfg);
            float[] gradCpu = new float[gradNd4j.length];
            gradient.copyTo(gradCpu, 0);
            float scale = 0;
            for (float g : gradNd4j) {
                scale = Math.max(scale, Math.abs(g));
            }
            assertTrue(scale > 0, "a gradient that is all zero proves nothing");
            for (int i = 0; i < gradCpu.length; i++) {
                assertEquals(gradNd4j[i], gradCpu[i], 1e-4 * scale + 1e-6, "gradient entry " + i + " of "
                        + gradCpu.length + ", " + cfg);
            }
        }
    }

    @Test
    void adamMomentsOfDeadUnitsDoNotGoSubnormal() {
        // one gradient, then zeros forever (a dead ReLU unit's weights): m decays by β₁ per step and would reach the
        // subnormal range after ~800 steps and stay there; v likewise from a tiny gradient
        int n = 4;
        CpuMatrix p = CpuMatrix.allocate(1, n);
        CpuMatrix g = CpuMatrix.allocate(1, n);
        CpuAdam adam = new CpuAdam(1e-3, n, 1);
        for (int step = 0; step < 3000; step++) {
            for (int i = 0; i < n; i++) {
                g.buf.put(i, step == 0 ? (i + 1) * 1e-3f : i == 3 ? 1e-20f : 0f);
            }
            adam.beginStep();
            adam.update(0, p, 0, n, g);
            assertEquals(0, adam.subnormalMoments(), "subnormal moments after step " + (step + 1));
        }
        assertTrue(Float.isFinite(p.buf.get(0)) && p.buf.get(0) < 0, "the first step moved the parameter");
    }

    @Test
    void adamStepEqualsNd4jsUpdater() {
        EngineThread.run(() -> {
            int n = 10_000;
            Random r = new Random(5);
            float[] p0 = new float[n];
            for (int i = 0; i < n; i++) {
                p0[i] = (float) r.nextGaussian();
            }
            INDArray pNd4j = Nd4j.createFromArray(p0.clone()).reshape(1, n);
            Adam config = new Adam(2e-3, AdamHyperparameters.BETA1, AdamHyperparameters.BETA2, AdamHyperparameters.EPSILON);
            INDArray state = Nd4j.create(pNd4j.dataType(), 1, config.stateSize(n));
            GradientUpdater<?> updater = config.instantiate(state, true);
            CpuMatrix pCpu = CpuMatrix.allocate(1, n);
            pCpu.copyFrom(p0, 0);
            CpuMatrix gCpu = CpuMatrix.allocate(1, n);
            CpuAdam adam = new CpuAdam(2e-3, n, 1);
            for (int step = 0; step < 5; step++) {
                float[] g = new float[n];
                for (int i = 0; i < n; i++) {
                    g[i] = (float) (r.nextGaussian() * (i % 7 == 0 ? 1e-4 : 1));
                }
                INDArray gNd4j = Nd4j.createFromArray(g.clone()).reshape(1, n);
                updater.applyUpdater(gNd4j, step, 0);
                pNd4j.subi(gNd4j);
                gCpu.copyFrom(g, 0);
                adam.beginStep();
                adam.update(0, pCpu, 0, n, gCpu);
            }
            float[] expected = pNd4j.toFloatVector();
            float[] actual = new float[n];
            pCpu.copyTo(actual, 0);
            double moved = 0;
            for (int i = 0; i < n; i++) {
                moved = Math.max(moved, Math.abs(actual[i] - p0[i]));
            }
            assertTrue(moved > 5e-3, "five Adam steps of 2e-3 must move the parameters, moved " + moved);
            assertArrayEquals(expected, actual, 1e-6f);
        });
    }

    @Test
    void trainingDoesNotDependOnTheNumberOfLanesOrOnThreadTiming() {
        float[] one = withLanes(1, () -> train());
        float[] two = withLanes(2, () -> train());
        float[] twoAgain = withLanes(2, () -> train());
        float[] three = withLanes(3, () -> train());
        assertArrayEquals(two, twoAgain, "same seed and lanes: bit-identical whatever the thread timing");
        // no value is summed across lanes; only OpenBLAS may round differently for 64 rows than for 128 (measured:
        // largest difference 6e-8 after 30 steps)
        assertClose(one, two, "1 lane vs 2 lanes");
        assertClose(one, three, "1 lane vs 3 lanes");
    }

    private static void assertClose(float[] a, float[] b, String what) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        assertTrue(worst <= 1e-5, what + ": largest weight difference " + worst);
    }

    private static float[] data(int rows, int width) {
        Random r = new Random(2);
        float[] x = new float[rows * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() < 0.6f ? 0f : r.nextFloat();
        }
        return x;
    }

    /** 30 steps with binarization on 600 rows; returns the parameters. */
    private static float[] train() {
        return EngineThread.supply(() -> {
            Network vae = Network.create(VaeConfig.of(64, new int[] {48}, 6), 11);
            int rows = 600;
            float[] x = data(rows, 64);
            int[] order = new int[rows];
            for (int i = 0; i < rows; i++) {
                order[i] = (i * 7) % rows;
            }
            try (TrainingSession s = new TrainingSession(vae, x, rows, null, new TrainingConfig(1, 128, 1e-3, 9, 0, 0, true))) {
                assertEquals("cpu", s.code().id());
                for (int b = 0; b < 30; b++) {
                    int from = (b * 100) % 500;
                    s.trainBatch(order, from, from + 100);
                }
                assertTrue(s.parametersFinite());
            }
            return vae.parameters();
        });
    }

    private static <T> T withLanes(int lanes, java.util.function.Supplier<T> job) {
        String before = System.getProperty(org.vaenodes.engine.concurrent.EngineWorkers.THREADS_PROPERTY);
        System.setProperty(org.vaenodes.engine.concurrent.EngineWorkers.THREADS_PROPERTY, Integer.toString(lanes));
        try {
            return job.get();
        } finally {
            if (before == null) {
                System.clearProperty(org.vaenodes.engine.concurrent.EngineWorkers.THREADS_PROPERTY);
            } else {
                System.setProperty(org.vaenodes.engine.concurrent.EngineWorkers.THREADS_PROPERTY, before);
            }
        }
    }

    private static void withLanes(int lanes, Runnable job) {
        withLanes(lanes, () -> {
            job.run();
            return null;
        });
    }

    @Test
    void openBlasThreadCountIsRestoredWhenTheSessionCloses() {
        EngineThread.run(() -> {
            int before = openblas_nolapack.blas_get_num_threads();
            Network vae = Network.create(VaeConfig.of(8, new int[] {4}, 2), 1);
            float[] x = new float[8 * 10];
            CpuTrainingSteps steps = new CpuTrainingSteps(vae, x, null, 1e-3, 1, false);
            if (CpuTrainingSteps.laneCount() > 1) {
                assertEquals(1, openblas_nolapack.blas_get_num_threads(), "lanes multiply single-threaded");
            }
            steps.close();
            assertEquals(before, openblas_nolapack.blas_get_num_threads());
        });
    }

    @Test
    void systemPropertySelectsTheNd4jPath() {
        System.setProperty(CpuTrainingSteps.KERNELS_PROPERTY, "nd4j");
        try {
            String kernels = EngineThread.supply(() -> {
                Network vae = Network.create(VaeConfig.of(8, new int[] {4}, 2), 1);
                try (TrainingSession s = new TrainingSession(vae, new float[80], 10, null, TrainingConfig.defaults(1, 1))) {
                    return s.code().id();
                }
            });
            assertEquals("nd4j", kernels);
        } finally {
            System.clearProperty(CpuTrainingSteps.KERNELS_PROPERTY);
        }
        assertEquals("cpu", EngineThread.supply(() -> {
            Network vae = Network.create(VaeConfig.of(8, new int[] {4}, 2), 1);
            try (TrainingSession s = new TrainingSession(vae, new float[80], 10, null, TrainingConfig.defaults(1, 1))) {
                return s.code().id();
            }
        }));
    }
}
