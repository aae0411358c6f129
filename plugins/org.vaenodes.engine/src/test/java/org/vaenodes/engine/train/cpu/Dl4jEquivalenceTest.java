package org.vaenodes.engine.train.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.deeplearning4j.nn.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaenodes.engine.concurrent.EngineThread;
import org.vaenodes.engine.model.Encoding;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.network.Dl4jConfigurations;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.spec.Activation;
import org.vaenodes.engine.spec.AdamHyperparameters;
import org.vaenodes.engine.spec.Dl4jCompatibility;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * The model is DL4J's VAE and our fast kernels compute DL4J's maths: the network is a {@code MultiLayerNetwork}
 * whose one layer is DL4J's {@code VariationalAutoencoder} over the very memory our kernels train; from the same
 * parameters, mini-batch and replayed noise ε our loss and gradient equal the layer's own
 * {@code computeGradientAndScore}; one Adam step moves the parameters as DL4J's own fit does; inference equals
 * DL4J's API on 1,000 rows.
 */
class Dl4jEquivalenceTest {

    static Stream<Arguments> dl4jConfigs() {
        VaeConfig base = new VaeConfig(12, 0, 0, 0, new int[] {9}, new int[] {7}, 3, Activation.RELU,
                Likelihood.BERNOULLI, 1.0, 0, false);
        return Stream.of(
                Arguments.of(base),
                Arguments.of(base.withActivation(Activation.TANH)),
                Arguments.of(base.withActivation(Activation.SIGMOID)),
                Arguments.of(base.withActivation(Activation.LEAKY_RELU)),
                Arguments.of(base.withActivation(Activation.ELU)),
                Arguments.of(base.withLikelihood(Likelihood.GAUSSIAN)),
                Arguments.of(new VaeConfig(16, 4, 4, 1, new int[] {10, 8}, new int[] {6, 9}, 2, Activation.TANH,
                        Likelihood.BERNOULLI, 1.0, 0, false)));
    }

    @Test
    void expressibleNetworksAreDl4jNetworksAndTheOthersAreNot() {
        VaeConfig dl4j = VaeConfig.of(784, new int[] {400}, 20);
        assertNull(Dl4jCompatibility.whyNot(dl4j));
        assertTrue(Dl4jCompatibility.whyNot(dl4j.withNumClasses(10)).contains("conditional"));
        assertTrue(Dl4jCompatibility.whyNot(VaeConfig.of(784, new int[0], 20)).contains("hidden"));
        assertTrue(Dl4jCompatibility.expressible(dl4j.withBeta(4.0)), "β only weights training: still a DL4J VAE");
        EngineThread.run(() -> {
            Network vae = Network.create(dl4j, 1);
            assertNotNull(vae.dl4j());
            assertTrue(vae.dl4j().getLayer(0) instanceof VariationalAutoencoder);
            assertEquals(vae.paramCount(), vae.dl4j().numParams());
            assertFalse(Vae.create(dl4j.withNumClasses(10), 1).isDl4jNetwork());
        });
    }

    @Test
    void theNetworksParameterTableIsTheEnginesLayout() {
        VaeConfig cfg = new VaeConfig(12, 0, 0, 0, new int[] {9, 5}, new int[] {7}, 3, Activation.RELU,
                Likelihood.BERNOULLI, 1.0, 0, false);
        EngineThread.run(() -> {
            Network vae = Network.create(cfg, 5);
            Map<String, INDArray> table = vae.dl4j().paramTable();
            String[] keys = {"0_e0W", "0_e0b", "0_e1W", "0_e1b", "0_pZXMeanW", "0_pZXMeanb", "0_pZXLogStd2W",
                    "0_pZXLogStd2b", "0_d0W", "0_d0b", "0_pXZW", "0_pXZb"};
            assertArrayEquals(keys, table.keySet().toArray(new String[0]), "parameter keys in DL4J's order");
            for (int k = 0; k < vae.layers().length; k++) {
                INDArray w = table.get(keys[2 * k]);
                INDArray b = table.get(keys[2 * k + 1]);
                assertEquals(vae.layers()[k].offset, w.offset(), keys[2 * k] + " offset");
                assertEquals(vae.layers()[k].biasOffset(), b.offset(), keys[2 * k + 1] + " offset");
                assertTrue(vae.views()[k].wx().equalShapes(w) && vae.views()[k].wx().equals(w), keys[2 * k]);
                assertEquals(vae.views()[k].b().reshape(b.shape()), b, keys[2 * k + 1]);
            }
            // a change through our kernels' memory is a change of the DL4J network
            float before = table.get("0_pXZb").getFloat(0);
            vae.params().putScalar(0, vae.layers()[vae.outLayer()].biasOffset(), before + 1f);
            assertEquals(before + 1f, table.get("0_pXZb").getFloat(0), 0f);
        });
    }

    @ParameterizedTest
    @MethodSource("dl4jConfigs")
    void lossAndGradientEqualDl4jsComputeGradientAndScore(VaeConfig cfg) {
        EngineThread.run(() -> {
            int rows = 40;
            Network vae = Network.create(cfg, 11);
            float[] x = inputs(cfg, rows, new Random(4));
            float[] eps = replayedNoise(rows, cfg.latentSize(), 77);

            // DL4J's layer on the same parameters, rows and noise (it draws ε with Nd4j.randn from the seeded RNG)
            VariationalAutoencoder layer = (VariationalAutoencoder) vae.dl4j().getLayer(0);
            vae.dl4j().initGradientsView();
            LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
            layer.setInput(Nd4j.create(x, new long[] {rows, cfg.inputSize()}, 'c'), mgr);
            Nd4j.getRandom().setSeed(77);
            layer.computeGradientAndScore(mgr);
            double dl4jScore = layer.score(); // per example (its KL and reconstruction terms are averaged)
            float[] dl4jGradient = layer.getGradientsViewArray().dup('c').data().asFloat(); // summed over the rows

            try (CpuTrainingSteps steps = new CpuTrainingSteps(vae, x, null, 1e-3, 1, false)) {
                CpuPass p = new CpuPass(vae, rows, true);
                p.x.copyFrom(x, 0);
                p.eps.copyFrom(eps, 0);
                steps.math().forward(p, true);
                float[] ours = new float[dl4jGradient.length];
                steps.math().gradient(p, steps.lanes()).copyTo(ours, 0);
                double loss = 0;
                for (int r = 0; r < rows; r++) {
                    loss += p.rowLoss[r] + p.rowKl[r];
                }
                // DL4J's L2 wrapper scores Σ (x − mean)², without our Gaussian's constant D/2·ln π per row
                double constant = cfg.likelihood() == Likelihood.GAUSSIAN ? cfg.inputSize() * Network.HALF_LN_PI : 0;
                assertEquals(dl4jScore, loss / rows - constant, 1e-4 * Math.abs(dl4jScore), "−ELBO per row, " + cfg);
                assertClose(dl4jGradient, ours, 1e-4, "gradient, " + cfg);
            }
        });
    }

    @Test
    void oneAdamStepMovesTheParametersAsDl4jsOwnFitDoes() {
        VaeConfig cfg = new VaeConfig(12, 0, 0, 0, new int[] {9}, new int[] {7}, 3, Activation.RELU,
                Likelihood.BERNOULLI, 1.0, 0, false);
        EngineThread.run(() -> {
            int rows = 32;
            float[] x = inputs(cfg, rows, new Random(8));
            float[] eps = replayedNoise(rows, cfg.latentSize(), 5);
            double lr = 1e-2;

            Network ours = Network.create(cfg, 3);
            float[] start = ours.params().dup('c').data().asFloat();
            try (CpuTrainingSteps steps = new CpuTrainingSteps(ours, x, null, lr, 1, false)) {
                int[] order = new int[rows];
                for (int i = 0; i < rows; i++) {
                    order[i] = i;
                }
                steps.trainBatch(order, 0, rows, eps);
            }
            float[] afterOurs = ours.params().dup('c').data().asFloat();

            Network theirs = Network.fromParameters(cfg, start);
            // DL4J averages the gradient over the batch before Adam, we sum: its ε/rows is our ε
            MultiLayerNetwork net = new MultiLayerNetwork(Dl4jConfigurations.of(cfg, DataType.FLOAT, lr, 0,
                    AdamHyperparameters.EPSILON / rows));
            net.init(theirs.params(), false);
            Nd4j.getRandom().setSeed(5);
            net.pretrainLayer(0, Nd4j.create(x, new long[] {rows, cfg.inputSize()}, 'c'));
            float[] afterDl4j = theirs.params().dup('c').data().asFloat();

            float[] movedOurs = new float[start.length];
            float[] movedDl4j = new float[start.length];
            for (int i = 0; i < start.length; i++) {
                movedOurs[i] = afterOurs[i] - start[i];
                movedDl4j[i] = afterDl4j[i] - start[i];
            }
            assertClose(movedDl4j, movedOurs, 1e-4, "parameter change after one Adam step");
        });
    }

    @Test
    void inferenceEqualsDl4jsApiOnAThousandRows() {
        VaeConfig cfg = VaeConfig.of(784, new int[] {64}, 8);
        Vae vae = Vae.create(cfg, 21);
        int rows = 1000;
        float[] x = inputs(cfg, rows, new Random(9));
        Encoding ours = vae.encode(x, rows, null);
        float[] z = replayedNoise(rows, cfg.latentSize(), 3);
        float[] decoded = vae.decode(z, rows, null);
        EngineThread.run(() -> {
            MultiLayerNetwork dl4j = Network.fromParameters(cfg, vae.parameters()).dl4j();
            INDArray mu = dl4j.output(Nd4j.create(x, new long[] {rows, cfg.inputSize()}, 'c'));
            assertArrayEquals(mu.dup('c').data().asFloat(), ours.mu(), 1e-5f, "encoder means");
            VariationalAutoencoder layer = (VariationalAutoencoder) dl4j.getLayer(0);
            INDArray means = layer.generateAtMeanGivenZ(Nd4j.create(z, new long[] {rows, cfg.latentSize()}, 'c'));
            assertArrayEquals(means.dup('c').data().asFloat(), decoded, 1e-5f, "decoder means");
        });
    }

    @Test
    void reconstructionLogProbabilityAgreesWithDl4jsOnTheMean() {
        VaeConfig cfg = VaeConfig.of(784, new int[] {64}, 8);
        Vae vae = Vae.create(cfg, 23);
        int rows = 1000;
        float[] x = inputs(cfg, rows, new Random(12));
        double[] ours = vae.reconstructionLogProbability(x, rows, null, 16, 99);
        EngineThread.run(() -> {
            VariationalAutoencoder layer = (VariationalAutoencoder) Network.fromParameters(cfg, vae.parameters())
                    .dl4j().getLayer(0);
            Nd4j.getRandom().setSeed(99);
            double[] dl4j = layer.reconstructionLogProbability(
                    Nd4j.create(x, new long[] {rows, cfg.inputSize()}, 'c'), 16).dup('c').data().asDouble();
            double meanOurs = 0;
            double meanDl4j = 0;
            for (int i = 0; i < rows; i++) {
                meanOurs += ours[i] / rows;
                meanDl4j += dl4j[i] / rows;
            }
            assertNotNull(dl4j);
            assertEquals(meanDl4j, meanOurs, 1e-3 * Math.abs(meanDl4j), "mean reconstruction log-probability");
        });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Inputs in [0, 1] (Bernoulli) or standard normal (Gaussian), a quarter of the values exactly 0. */
    static float[] inputs(VaeConfig cfg, int rows, Random r) {
        float[] x = new float[rows * cfg.inputSize()];
        for (int i = 0; i < x.length; i++) {
            boolean zero = r.nextInt(4) == 0;
            x[i] = zero ? 0f : cfg.likelihood() == Likelihood.BERNOULLI ? r.nextFloat() : (float) r.nextGaussian();
        }
        return x;
    }

    /** The ε that DL4J's layer draws first after {@code Nd4j.getRandom().setSeed(seed)}. Engine thread. */
    static float[] replayedNoise(int rows, int latent, long seed) {
        return EngineThread.supply(() -> {
            Nd4j.getRandom().setSeed(seed);
            return Nd4j.randn(DataType.FLOAT, rows, latent).dup('c').data().asFloat();
        });
    }

    /** Each entry within tol × the largest magnitude, and the difference's norm within tol × the norm. */
    static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        double norm = 0;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            norm += (double) expected[i] * expected[i];
            diff += ((double) expected[i] - actual[i]) * ((double) expected[i] - actual[i]);
        }
        assertTrue(scale > 0, what + ": all zero proves nothing");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * scale, what + ": entry " + i + " of " + expected.length);
        }
        assertTrue(Math.sqrt(diff) <= tol * Math.sqrt(norm), what + ": relative difference "
                + Math.sqrt(diff / norm));
    }
}
