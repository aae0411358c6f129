package org.vaenodes.engine.model;

import java.util.HashMap;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Training steps through ND4J operations ({@link Nd4jVaeMath#forward}, {@link Nd4jVaeMath#backward}) on any backend
 * and data type: the path for double precision, and on CUDA for the models DL4J's trainer cannot train.
 *
 * <p>Adam is ND4J's fused {@code AdamUpdater} on the single flat gradient vector (β₁ 0.9, β₂ 0.999, ε 1e-8, as
 * PyTorch's defaults; ND4J adds ε to √v̂ before bias correction of the step size, a negligible difference).
 */
final class Nd4jTrainingSteps extends Nd4jEvaluatedSteps {

    private final Vae vae;
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

    Nd4jTrainingSteps(Vae vae, float[] data, int[] labels, double learningRate, long seed, boolean binarize) {
        super(new Nd4jEvaluation(vae, data, labels, seed));
        this.vae = vae;
        this.data = data;
        this.labels = labels;
        this.binarize = binarize;
        grad = Nd4j.create(vae.dtype, 1, vae.paramCount);
        gradViews = vae.bindAll(grad);
        Adam adam = new Adam(learningRate, CpuAdam.BETA1, CpuAdam.BETA2, CpuAdam.EPSILON);
        adamState = Nd4j.create(vae.dtype, 1, adam.stateSize(vae.paramCount));
        updater = adam.instantiate(adamState, true);
        noise = Nd4j.getRandomFactory().getNewRandomInstance(Vae.derivedSeed(seed, 1));
    }

    private Pass pass(int n) {
        return trainPasses.computeIfAbsent(n, k -> new Pass(vae, k, true));
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
        vae.math.forward(p, true);
        double[] sums = evaluation.sums(p);
        vae.math.backward(p, gradViews);
        updater.applyUpdater(grad, iteration++, 0);
        vae.params.subi(grad);
        return sums;
    }

    @Override
    public void close() {
        NdArrays.freeAll(trainPasses);
        evaluation.close();
        TrainingSession.closeQuietly(noise);
        NdArrays.free(grad, adamState);
    }
}
