package org.vaenodes.engine.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Training steps through ND4J operations ({@link Vae#forward}, {@link Vae#backward}) on any backend and data type:
 * the path for CUDA and for double precision.
 *
 * <p>Adam is ND4J's fused {@code AdamUpdater} on the single flat gradient vector (β₁ 0.9, β₂ 0.999, ε 1e-8, as
 * PyTorch's defaults; ND4J adds ε to √v̂ before bias correction of the step size, a negligible difference).
 */
final class Nd4jTrainingSteps implements TrainingSteps {

    private final Vae vae;
    private final float[] data;
    private final int[] labels;
    private final boolean binarize;
    private final INDArray grad;
    private final Dense.Views[] gradViews;
    private final INDArray adamState;
    private final GradientUpdater<?> updater;
    private final Random noise;
    private final Random evalNoise;
    private final long evalSeed;
    private final Map<Integer, Pass> trainPasses = new HashMap<>();
    private final Map<Integer, Pass> evalPasses = new HashMap<>();
    private INDArray best;
    private int iteration;
    private final double[] sums = new double[3];

    Nd4jTrainingSteps(Vae vae, float[] data, int[] labels, double learningRate, long seed, boolean binarize) {
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
        evalSeed = Vae.derivedSeed(seed, 2);
        evalNoise = Nd4j.getRandomFactory().getNewRandomInstance(evalSeed);
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
        vae.forward(p, true);
        lossSums(p);
        vae.backward(p, gradViews);
        updater.applyUpdater(grad, iteration++, 0);
        vae.params.subi(grad);
        return sums;
    }

    @Override
    public double[] evaluateChunk(int[] order, int from, int rows) {
        Pass p = evalPasses.computeIfAbsent(rows, k -> new Pass(vae, k, false));
        p.gatherX(data, order, from, rows);
        p.loadLabels(labels, order, from, rows);
        Nd4j.randn(p.eps, evalNoise);
        vae.forward(p, true);
        lossSums(p);
        return sums;
    }

    @Override
    public void resetEvaluationNoise() {
        evalNoise.setSeed(evalSeed);
    }

    @Override
    public boolean parametersFinite() {
        return !(vae.params.isNaN().any() || vae.params.isInfinite().any());
    }

    @Override
    public void rememberBest() {
        if (best == null) {
            best = vae.params.dup();
        } else {
            best.assign(vae.params);
        }
    }

    @Override
    public boolean restoreBest() {
        if (best == null) {
            return false;
        }
        vae.params.assign(best);
        return true;
    }

    private void lossSums(Pass p) {
        double recon;
        double kl;
        try (INDArray r = vae.reconRows(p); INDArray k = vae.klRows(p)) {
            recon = r.sumNumber().doubleValue();
            kl = k.sumNumber().doubleValue();
        }
        sums[0] = recon + vae.config().beta() * kl;
        sums[1] = recon;
        sums[2] = kl;
    }

    @Override
    public void close() {
        for (Map<Integer, Pass> passes : List.of(trainPasses, evalPasses)) {
            for (Pass p : passes.values()) {
                p.close();
            }
            passes.clear();
        }
        TrainingSession.closeQuietly(noise);
        TrainingSession.closeQuietly(evalNoise);
        for (INDArray a : new INDArray[] {grad, adamState, best}) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }
}
