package org.vaenodes.engine.model;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The optimisation state of one training run of a {@link Vae}: its {@link TrainingSteps} (gradient, Adam moments,
 * batch buffers, seeded noise) and the best parameters so far. Used by {@code org.vaenodes.engine.train.Trainer};
 * every method must be called on the engine thread. It reads the caller's row-major data array in place (no copy).
 *
 * <p>Which code computes the steps ({@link #code()}) is decided by {@link TrainingCode#choose}.
 */
public final class TrainingSession implements AutoCloseable {

    private final TrainingCode code;
    private final TrainingSteps steps;

    /**
     * A session with the fast trainer and the batch size 128 (see
     * {@link #TrainingSession(Vae, float[], int, int[], double, long, boolean, TrainerChoice, int)}).
     */
    public TrainingSession(Vae vae, float[] data, int rows, int[] labels, double learningRate, long seed,
            boolean binarize) {
        this(vae, data, rows, labels, learningRate, seed, binarize, TrainerChoice.FAST, 128);
    }

    /**
     * @param data      row-major n × D values (not copied; must not change during training)
     * @param labels    per-row class indices for a conditional VAE, else null
     * @param binarize  stochastic binarization of each batch (Bernoulli likelihood only)
     * @param trainer   whose training code runs (see the class comment)
     * @param batchSize the usual batch size: DL4J's Adam ε is ours divided by it (DL4J averages the gradient)
     * @throws IllegalArgumentException if DL4J's trainer is chosen for a model it cannot train
     */
    public TrainingSession(Vae vae, float[] data, int rows, int[] labels, double learningRate, long seed,
            boolean binarize, TrainerChoice trainer, int batchSize) {
        vae.checkInput(data, rows, vae.config().inputSize(), "training");
        vae.checkLabels(labels, rows);
        if (binarize && vae.config().likelihood() != Likelihood.BERNOULLI) {
            throw new IllegalArgumentException("Stochastic binarization needs the Bernoulli likelihood");
        }
        code = TrainingCode.choose(trainer, vae);
        steps = code.open(vae, data, labels, learningRate, batchSize, seed, binarize);
    }

    /** Which code computes the steps (chosen by {@link TrainingCode#choose}). */
    public TrainingCode code() {
        return code;
    }

    /**
     * Threads computing the steps: our CPU kernels' lanes, or ND4J's own threads for the other paths (ND4J's
     * OpenMP threads on the CPU; on CUDA its host threads).
     */
    public int threads() {
        return code == TrainingCode.CPU_KERNELS ? CpuTrainingSteps.laneCount()
                : Nd4j.getEnvironment().maxThreads();
    }

    /**
     * One Adam step on the rows order[from … to). Returns {objective, reconstruction, KL} summed over the batch
     * (objective = recon + β·KL, computed before the update). The returned array is reused.
     */
    public double[] trainBatch(int[] order, int from, int to) {
        return steps.trainBatch(order, from, to);
    }

    /** {objective, recon, KL} summed over rows order[from … to), without updating (one seeded z per row). */
    public double[] evaluate(int[] order, int from, int to) {
        double[] total = new double[3];
        for (int start = from; start < to; start += Vae.CHUNK_ROWS) {
            double[] s = steps.evaluateChunk(order, start, Math.min(Vae.CHUNK_ROWS, to - start));
            for (int i = 0; i < total.length; i++) {
                total[i] += s[i];
            }
        }
        return total;
    }

    /** Restarts the evaluation noise so every validation pass sees the same ε (comparable across epochs). */
    public void resetEvaluationNoise() {
        steps.resetEvaluationNoise();
    }

    /** Whether all parameters are finite. */
    public boolean parametersFinite() {
        return steps.parametersFinite();
    }

    /** Remembers the current parameters as the best so far. */
    public void rememberBest() {
        steps.rememberBest();
    }

    /** Restores the parameters remembered by {@link #rememberBest()}; returns false if there are none. */
    public boolean restoreBest() {
        return steps.restoreBest();
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // native memory of a random generator: best effort
        }
    }

    @Override
    public void close() {
        steps.close();
    }
}
