package org.vaenodes.engine.download;

/** Progress of a download in bytes. Called on the downloading thread; keep it cheap. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores all progress. */
    ProgressListener NONE = (file, done, total) -> { };

    /**
     * @param fileName   the file being downloaded
     * @param bytesDone  bytes received so far
     * @param bytesTotal the expected size in bytes
     */
    void progress(String fileName, long bytesDone, long bytesTotal);
}
