package org.vaenodes.engine.train;

import org.nd4j.linalg.factory.Nd4j;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.train.cpu.CpuTrainingSteps;
import org.vaenodes.engine.train.steps.TrainingSteps;

/**
 * The optimisation state of one training run of a {@link Network}: its {@link TrainingSteps} (gradient, Adam moments,
 * batch buffers, seeded noise) and the best parameters so far. Used by {@code org.vaenodes.engine.train.Trainer};
 * every method must be called on the engine thread. It reads the caller's row-major data array in place (no copy).
 *
 * <p>Which code computes the steps ({@link #code()}) is decided by {@link TrainingCode#choose}.
 */
public final class TrainingSession implements AutoCloseable {

    private final TrainingCode code;
    private final TrainingSteps steps;

    /**
     * @param data     row-major rows × D values (not copied; must not change during training)
     * @param labels   per-row class indices for a conditional VAE, else null
     * @param training learning rate, batch size, seed, trainer and binarization (with the network's own) of the run
     * @throws IllegalArgumentException if the trainer chosen cannot train the network
     */
    public TrainingSession(Network network, float[] data, int rows, int[] labels, TrainingConfig training) {
        network.checkInput(data, rows, network.config().inputSize(), "training");
        network.checkLabels(labels, rows);
        boolean binarize = network.config().binarize() || training.binarize();
        if (binarize && network.config().likelihood() != Likelihood.BERNOULLI) {
            throw new IllegalArgumentException("Stochastic binarization needs the Bernoulli likelihood");
        }
        code = TrainingCode.choose(training.trainer(), network);
        steps = code.open(network, data, labels, training, binarize);
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
        for (int start = from; start < to; start += Network.CHUNK_ROWS) {
            double[] s = steps.evaluateChunk(order, start, Math.min(Network.CHUNK_ROWS, to - start));
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
