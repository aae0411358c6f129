package org.vaenodes.engine.train;

/** Progress callbacks of the {@link Trainer}, called on the engine thread; keep them short. */
public interface TrainingListener {

    /** After each batch: {@code batch} of {@code batches} (1-based) and its loss per row. */
    default void onBatch(int epoch, int batch, int batches, double currentLoss) {
    }

    /** After each epoch. */
    default void onEpoch(EpochStats stats) {
    }

    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };
}
