package org.vaenodes.engine.download;

import java.io.IOException;

/** A download was cancelled by the caller; nothing was cached. */
public final class DownloadCancelledException extends IOException {

    private static final long serialVersionUID = 1L;

    public DownloadCancelledException(String message) {
        super(message);
    }
}
