package org.vaenodes.engine.train;

/** The loss or the weights became NaN or infinite; the message names where and suggests a remedy. */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;

    public TrainingDivergedException(String message, int epoch, int batch) {
        super(message);
        this.epoch = epoch;
        this.batch = batch;
    }

    /** 1-based epoch in which the divergence was detected. */
    public int epoch() {
        return epoch;
    }

    /** 1-based batch within the epoch (0 if detected after the epoch). */
    public int batch() {
        return batch;
    }
}
