package org.vaenodes.engine.train.steps;

import org.vaenodes.engine.model.Vae;

/**
 * How a {@link org.vaenodes.engine.train.TrainingSession} computes its steps:
 * {@link org.vaenodes.engine.train.cpu.CpuTrainingSteps} on ND4J's CPU backend in float32,
 * {@link org.vaenodes.engine.train.nd4j.Dl4jTrainingSteps} for DL4J's own training,
 * {@link org.vaenodes.engine.train.nd4j.Nd4jTrainingSteps} everywhere else (CUDA, double precision). Qualified names,
 * not imports: the implementations and the session depend on this interface, not the other way round. Engine thread
 * only.
 */
public interface TrainingSteps extends AutoCloseable {

    /** One optimizer step on rows order[from … to); returns {objective, recon, KL} summed over the batch. */
    double[] trainBatch(int[] order, int from, int to);

    /**
     * {objective, recon, KL} summed over the rows order[from … from + rows), one seeded z per row, no update;
     * {@code rows} ≤ {@link Vae#CHUNK_ROWS}. The returned array may be reused.
     */
    double[] evaluateChunk(int[] order, int from, int rows);

    /** Restarts the evaluation noise so that every validation pass sees the same ε. */
    void resetEvaluationNoise();

    /** Whether all parameters are finite. */
    boolean parametersFinite();

    /** Remembers the current parameters as the best so far. */
    void rememberBest();

    /** Restores the parameters remembered by {@link #rememberBest()}; returns false if there are none. */
    boolean restoreBest();

    @Override
    void close();
}
