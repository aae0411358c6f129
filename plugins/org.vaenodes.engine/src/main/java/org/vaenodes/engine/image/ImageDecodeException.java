package org.vaenodes.engine.image;

import java.util.Objects;

/**
 * An image file that cannot be decoded, with the {@link Reason} as a category (so a node can count or filter
 * failures) and a message that is a complete sentence naming the file or source and what was expected.
 */
public final class ImageDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the data could not be decoded. */
    public enum Reason {
        /** Zero bytes. */
        EMPTY,
        /** Not recognisably an image: the first bytes match no image format. */
        NOT_AN_IMAGE,
        /** An image, but in a format or variant this decoder does not read (e.g. TIFF, WebP, lossless JPEG). */
        UNSUPPORTED,
        /** Above {@link ImageLimits} or larger than the free Java heap allows. */
        TOO_LARGE,
        /** Recognised format, but the data is damaged. */
        CORRUPT,
        /** The data ends before the image does (an interrupted download or copy). */
        TRUNCATED
    }

    private final Reason reason;

    public ImageDecodeException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** With the low-level exception that revealed the problem, kept for the log. */
    public ImageDecodeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** "source: the FORMAT data ends WHERE; the file is incomplete …": the one wording for every format. */
    static ImageDecodeException truncated(String source, String format, String where, Throwable cause) {
        return new ImageDecodeException(Reason.TRUNCATED, source + ": the " + format + " data ends " + where
                + "; the file is incomplete (e.g. an interrupted download or copy), expected a complete " + format
                + " image.", cause);
    }

    /** "source: the FORMAT data is corrupt (WHAT); expected a valid FORMAT image." */
    static ImageDecodeException corrupt(String source, String format, String what) {
        return new ImageDecodeException(Reason.CORRUPT, source + ": the " + format + " data is corrupt (" + what
                + "); expected a valid " + format + " image.");
    }
}
