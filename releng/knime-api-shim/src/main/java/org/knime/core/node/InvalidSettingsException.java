package org.knime.core.node;

/** Thrown when settings are missing, of the wrong type or out of range (shim). */
public class InvalidSettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidSettingsException(final String s) {
        super(s);
    }

    public InvalidSettingsException(final Throwable cause) {
        super(cause);
    }

    public InvalidSettingsException(final String msg, final Throwable cause) {
        super(msg, cause);
    }
}
