package org.vaenodes.engine.io;

import java.io.IOException;

/** A model file that cannot be loaded: corrupt, incomplete, unsafe, or of a newer format. */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }
}
