package org.vaenodes.engine.train.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vaenodes.engine.concurrent.EngineThread;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.spec.Activation;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * Lanes that share a batch by columns for the wide products ({@link CpuLaneShare}) must compute exactly what each lane
 * computes alone on its own rows: every activation, delta and loss bit for bit, so that the split changes no trained
 * weight.
 */
@Timeout(60)
class CpuLaneShareTest {

    @Test
    void theWideProductsOfAFullBatchAreSplitByColumnsTheNarrowOnesByRows() {
        try (CpuLanes two = new CpuLanes(2)) {
            CpuLaneShare share = shareOf(VaeConfig.of(784, new int[] {400}, 20), 128, two);
            assertTrue(share.byColumns(784, 400), "first layer 128×784×400");
            assertTrue(share.byColumns(400, 784), "output layer 128×400×784");
            assertFalse(share.byColumns(400, 20), "μ layer: 10 columns per lane");
            assertFalse(share.byColumns(20, 400), "first decoder layer: inner dimension 20");
            assertFalse(shareOf(VaeConfig.of(784, new int[] {400}, 20), 40, two).byColumns(784, 400),
                    "a batch's last 40 rows: 20 per lane, left to the row split");
            assertFalse(shareOf(VaeConfig.of(784, new int[] {400}, 20), 512, two).byColumns(784, 400),
                    "256 rows per lane multiply well by rows");
            CpuPass whole = new CpuPass(Network.create(VaeConfig.of(784, new int[] {400}, 20), 1), 128, true);
            assertFalse(new CpuLaneShare(whole, whole.slice(0, 64), 0, two, false).byColumns(784, 400),
                    "the row split only, as chosen on a busy machine");
        }
    }

    @Test
    void mnistSizedBatchGivesTheSameValuesAsEachLaneAlone() {
        EngineThread.run(() -> compareWithLanesAlone(VaeConfig.of(784, new int[] {400}, 20), 128));
    }

    @Test
    void conditionalDeepGaussianBatchGivesTheSameValuesAsEachLaneAlone() {
        // two wide encoder layers, a 64-wide latent layer (so the μ and log σ² deltas go back by columns together),
        // labels (the label blocks of the weights), a decoder layer and a Gaussian output
        VaeConfig cfg = VaeConfig.of(300, new int[] {256, 256}, 64).withDecoderHidden(new int[] {256})
                .withNumClasses(10).withLikelihood(Likelihood.GAUSSIAN).withActivation(Activation.TANH);
        EngineThread.run(() -> compareWithLanesAlone(cfg, 100));
    }

    private static CpuLaneShare shareOf(VaeConfig cfg, int rows, CpuLanes team) {
        Network vae = Network.create(cfg, 1);
        CpuPass whole = new CpuPass(vae, rows, true);
        return new CpuLaneShare(whole, whole.slice(0, rows / 2), 0, team, true);
    }

    private static void compareWithLanesAlone(VaeConfig cfg, int rows) {
        Network vae = Network.create(cfg, 5);
        int p = Math.toIntExact(vae.paramCount());
        CpuMatrix params = CpuMatrix.window(vae.params().data().asNioFloat(), vae.params().data().addressPointer(), 0,
                1, p);
        CpuVaeMath math = new CpuVaeMath(vae, params);
        CpuPass together = filledPass(vae, rows);
        CpuPass alone = filledPass(vae, rows);
        int half = rows / 2;
        CpuPass[] sharedSlices = {together.slice(0, half), together.slice(half, rows - half)};
        try (CpuLanes lanes = new CpuLanes(2)) {
            CpuLaneShare first = new CpuLaneShare(together, sharedSlices[0], 0, lanes, true);
            assertTrue(first.byColumns(cfg.inputSize(), 256), "the test must exercise the split by columns");
            lanes.run(lane -> {
                CpuLaneShare s = new CpuLaneShare(together, sharedSlices[lane], lane, lanes, true);
                math.forward(s, true);
                math.backwardDeltas(s);
            });
        }
        CpuPass[] ownSlices = {alone.slice(0, half), alone.slice(half, rows - half)};
        for (CpuPass slice : ownSlices) {
            math.forward(slice, true);
            math.backwardDeltas(slice);
        }
        for (int k = 0; k < vae.layers().length; k++) {
            int layer = k;
            assertSame(together, alone, q -> q.act[layer], "activations of layer " + k);
            assertSame(together, alone, q -> q.delta[layer], "deltas of layer " + k);
        }
        assertSame(together, alone, q -> q.z, "z");
        assertSame(together, alone, q -> q.dz, "∂recon/∂z");
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(ownSlices[i].rowLoss, sharedSlices[i].rowLoss, "reconstruction loss of slice " + i);
            assertArrayEquals(ownSlices[i].rowKl, sharedSlices[i].rowKl, "KL of slice " + i);
        }
    }

    private static void assertSame(CpuPass a, CpuPass b, Function<CpuPass, CpuMatrix> which, String what) {
        float[] x = new float[which.apply(a).size()];
        float[] y = new float[x.length];
        which.apply(a).copyTo(x, 0);
        which.apply(b).copyTo(y, 0);
        assertTrue(anyNonZero(x), what + " are all zero: nothing compared");
        assertArrayEquals(y, x, what);
    }

    private static boolean anyNonZero(float[] v) {
        for (float f : v) {
            if (f != 0) {
                return true;
            }
        }
        return false;
    }

    private static CpuPass filledPass(Network vae, int rows) {
        VaeConfig cfg = vae.config();
        CpuPass pass = new CpuPass(vae, rows, true);
        Random r = new Random(8);
        for (int i = 0; i < pass.x.size(); i++) {
            pass.x.buf.put(i, cfg.likelihood() == Likelihood.BERNOULLI ? (r.nextBoolean() ? 0f : r.nextFloat())
                    : (float) r.nextGaussian());
        }
        if (pass.y != null) {
            for (int i = 0; i < rows; i++) {
                pass.y.buf.put(i * cfg.numClasses() + r.nextInt(cfg.numClasses()), 1f);
            }
        }
        for (int i = 0; i < pass.eps.size(); i++) {
            pass.eps.buf.put(i, (float) r.nextGaussian());
        }
        assertEquals(rows, pass.rows);
        return pass;
    }
}
