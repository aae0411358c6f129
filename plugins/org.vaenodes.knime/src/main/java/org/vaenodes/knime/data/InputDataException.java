package org.vaenodes.knime.data;

/**
 * A value in the input table that a node cannot use — a missing value, a list of the wrong length, an image of
 * another size, an unknown label, a value the likelihood cannot model — named by its row. KNIME shows the message as
 * the node's error. Not an {@code InvalidSettingsException}: the settings are fine, the data is not.
 */
public final class InputDataException extends Exception {

    private static final long serialVersionUID = 1L;

    public InputDataException(String message) {
        super(message);
    }

    public InputDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
