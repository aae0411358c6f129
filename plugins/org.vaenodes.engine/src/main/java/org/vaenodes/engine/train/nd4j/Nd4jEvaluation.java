package org.vaenodes.engine.train.nd4j;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.vaenodes.engine.network.NdArrays;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.network.Pass;

/**
 * What the ND4J-operations trainer and DL4J's trainer share besides the step itself: the evaluation of held-out rows
 * with seeded noise (passes reused per chunk size), the loss sums of a pass, the finiteness check and the best
 * parameters for early stopping. Engine thread only.
 */
final class Nd4jEvaluation implements AutoCloseable {

    private final Network network;
    private final float[] data;
    private final int[] labels;
    private final Random noise;
    private final long seed;
    private final Map<Integer, Pass> passes = new HashMap<>();
    private final double[] sums = new double[3];
    private INDArray best;

    Nd4jEvaluation(Network network, float[] data, int[] labels, long trainingSeed) {
        this.network = network;
        this.data = data;
        this.labels = labels;
        seed = Network.derivedSeed(trainingSeed, 2);
        noise = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    /** An inference pass over {@code rows} rows, reused. */
    Pass pass(int rows) {
        return passes.computeIfAbsent(rows, k -> new Pass(network, k, false));
    }

    /** {objective, recon, KL} summed over the rows order[from … from + rows), one seeded z per row. */
    double[] evaluateChunk(int[] order, int from, int rows) {
        Pass p = pass(rows);
        p.gatherX(data, order, from, rows);
        p.loadLabels(labels, order, from, rows);
        Nd4j.randn(p.eps, noise);
        network.math().forward(p, true);
        return sums(p);
    }

    void resetNoise() {
        noise.setSeed(seed);
    }

    /** {objective, recon, KL} summed over the rows of a pass after a forward with sampling. Reused array. */
    double[] sums(Pass p) {
        double recon;
        double kl;
        try (INDArray r = network.math().reconRows(p); INDArray k = network.math().klRows(p)) {
            recon = r.sumNumber().doubleValue();
            kl = k.sumNumber().doubleValue();
        }
        sums[0] = recon + network.config().beta() * kl;
        sums[1] = recon;
        sums[2] = kl;
        return sums;
    }

    boolean parametersFinite() {
        return !(network.params().isNaN().any() || network.params().isInfinite().any());
    }

    void rememberBest() {
        if (best == null) {
            best = network.params().dup();
        } else {
            best.assign(network.params());
        }
    }

    boolean restoreBest() {
        if (best == null) {
            return false;
        }
        network.params().assign(best);
        return true;
    }

    @Override
    public void close() {
        NdArrays.freeAll(passes);
        Network.closeQuietly(noise);
        NdArrays.free(best);
    }
}
