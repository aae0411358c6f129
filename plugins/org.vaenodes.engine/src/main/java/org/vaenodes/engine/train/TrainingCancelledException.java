package org.vaenodes.engine.train;

/** Training was cancelled by the caller; the partially trained model is discarded. */
public class TrainingCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingCancelledException(String message) {
        super(message);
    }
}
