package org.vaenodes.engine.data;

import java.io.IOException;

/**
 * An IDX file (or stream) is not what it claims to be: wrong magic number, impossible dimensions, a header
 * that does not match the amount of data, a broken gzip stream, or image and label files that disagree.
 * <p>
 * It extends {@link IOException} so callers that already handle I/O failures (a KNIME node model does) need no
 * extra catch block, while tests and callers that care can still tell a bad file from a failing disk. Every
 * message names the file so a user with several files in a workflow knows which one to fix.
 */
public class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public IdxFormatException(String message) {
        super(message);
    }

    public IdxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
