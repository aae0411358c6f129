package org.vaenodes.engine.train;

/** The loss or the weights became NaN or infinite; the message names where and suggests a remedy. */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;

    public TrainingDivergedException(String message, int epoch) {
        super(message);
        this.epoch = epoch;
    }

    /** 1-based epoch in which the divergence was detected. */
    public int epoch() {
        return epoch;
    }
}
