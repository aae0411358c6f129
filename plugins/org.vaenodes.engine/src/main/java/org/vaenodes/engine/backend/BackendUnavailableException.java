package org.vaenodes.engine.backend;

/** The requested ND4J backend cannot be used here; the message names what is missing and how to fix it. */
public final class BackendUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }
}
