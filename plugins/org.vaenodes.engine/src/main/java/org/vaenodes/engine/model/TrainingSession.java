package org.vaenodes.engine.model;

/**
 * The optimisation state of one training run of a {@link Vae}: its {@link TrainingSteps} (gradient, Adam moments,
 * batch buffers, seeded noise) and the best parameters so far. Used by {@code org.vaenodes.engine.train.Trainer};
 * every method must be called on the engine thread. It reads the caller's row-major data array in place (no copy).
 *
 * <p>On ND4J's CPU backend a float32 network trains with {@link CpuTrainingSteps} (direct OpenBLAS products and
 * fused Java loops); elsewhere with {@link Nd4jTrainingSteps}. {@link #kernels()} says which.
 */
public final class TrainingSession implements AutoCloseable {

    private final TrainingSteps steps;

    /**
     * @param data     row-major n × D values (not copied; must not change during training)
     * @param labels   per-row class indices for a conditional VAE, else null
     * @param binarize stochastic binarization of each batch (Bernoulli likelihood only)
     */
    public TrainingSession(Vae vae, float[] data, int rows, int[] labels, double learningRate, long seed,
            boolean binarize) {
        this(vae, data, rows, labels, learningRate, seed, binarize, CpuTrainingSteps.supports(vae));
    }

    TrainingSession(Vae vae, float[] data, int rows, int[] labels, double learningRate, long seed,
            boolean binarize, boolean cpuKernels) {
        vae.checkInput(data, rows, vae.config().inputSize(), "training");
        vae.checkLabels(labels, rows);
        if (binarize && vae.config().likelihood() != Likelihood.BERNOULLI) {
            throw new IllegalArgumentException("Stochastic binarization needs the Bernoulli likelihood");
        }
        steps = cpuKernels ? new CpuTrainingSteps(vae, data, labels, learningRate, seed, binarize)
                : new Nd4jTrainingSteps(vae, data, labels, learningRate, seed, binarize);
    }

    /** Which implementation computes the steps: "cpu" (direct OpenBLAS + Java loops) or "nd4j". */
    public String kernels() {
        return steps instanceof CpuTrainingSteps ? "cpu" : "nd4j";
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
