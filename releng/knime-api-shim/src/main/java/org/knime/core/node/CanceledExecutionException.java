package org.knime.core.node;

/** Thrown when the user cancelled an execution (shim). */
public class CanceledExecutionException extends Exception {

    private static final long serialVersionUID = 1L;

    public CanceledExecutionException() {
        super("Execution canceled");
    }

    public CanceledExecutionException(final String s) {
        super(s);
    }

    /** Lets long loops poll for cancellation. */
    @FunctionalInterface
    public interface CancelChecker {
        void checkCanceled() throws CanceledExecutionException;
    }
}
