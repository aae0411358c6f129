package org.vaenodes.engine.train.nd4j;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vaenodes.engine.network.Dense;
import org.vaenodes.engine.network.Nd4jVaeMath;
import org.vaenodes.engine.network.NdArrays;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.network.Pass;
import org.vaenodes.engine.spec.AdamHyperparameters;

/**
 * Training steps through ND4J operations ({@link Nd4jVaeMath#forward}, {@link Nd4jVaeMath#backward}) on any backend
 * and data type: the path for double precision, and on CUDA for the models DL4J's trainer cannot train.
 *
 * <p>Adam is ND4J's fused {@code AdamUpdater} on the single flat gradient vector (β₁ 0.9, β₂ 0.999, ε 1e-8, as
 * PyTorch's defaults; ND4J adds ε to √v̂ before bias correction of the step size, a negligible difference).
 */
public final class Nd4jTrainingSteps extends Nd4jEvaluatedSteps {

    private final Network network;
    private final float[] data;
    private final int[] labels;
    private final boolean binarize;
    private final INDArray grad;
    private final Dense.Views[] gradViews;
    private final INDArray adamState;
    private final GradientUpdater<?> updater;
    private final Random noise;
    private final Map<Integer, Pass> trainPasses = new HashMap<>();
    private int iteration;

    public Nd4jTrainingSteps(Network network, float[] data, int[] labels, double learningRate, long seed,
            boolean binarize) {
        super(new Nd4jEvaluation(network, data, labels, seed));
        this.network = network;
        this.data = data;
        this.labels = labels;
        this.binarize = binarize;
        grad = Nd4j.create(network.dtype(), 1, network.paramCount());
        gradViews = network.bindAll(grad);
        Adam adam = new Adam(learningRate, AdamHyperparameters.BETA1, AdamHyperparameters.BETA2,
                AdamHyperparameters.EPSILON);
        adamState = Nd4j.create(network.dtype(), 1, adam.stateSize(network.paramCount()));
        updater = adam.instantiate(adamState, true);
        noise = Nd4j.getRandomFactory().getNewRandomInstance(Network.derivedSeed(seed, 1));
    }

    private Pass pass(int n) {
        return trainPasses.computeIfAbsent(n, k -> new Pass(network, k, true));
    }

    @Override
    public double[] trainBatch(int[] order, int from, int to) {
        int n = to - from;
        Pass p = pass(n);
        p.gatherX(data, order, from, n);
        p.loadLabels(labels, order, from, n);
        if (binarize) {
            // x ← [u < x] with u ~ U[0, 1)
            Nd4j.rand(p.scratch1, noise);
            p.x.subi(p.scratch1);
            Transforms.step(p.x, false);
        }
        Nd4j.randn(p.eps, noise);
        network.math().forward(p, true);
        double[] sums = evaluation.sums(p);
        network.math().backward(p, gradViews);
        updater.applyUpdater(grad, iteration++, 0);
        network.params().subi(grad);
        return sums;
    }

    @Override
    public void close() {
        NdArrays.freeAll(trainPasses);
        evaluation.close();
        Network.closeQuietly(noise);
        NdArrays.free(grad, adamState);
    }
}
