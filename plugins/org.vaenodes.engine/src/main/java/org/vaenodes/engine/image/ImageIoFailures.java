package org.vaenodes.engine.image;

import java.io.EOFException;
import java.util.Locale;

import org.vaenodes.engine.image.ImageDecodeException.Reason;

/**
 * Turns what ImageIO throws into an {@link ImageDecodeException} with a reason. ImageIO reads from memory here, so
 * none of its exceptions is a real I/O failure: each one is about the data.
 * <ul>
 * <li>an {@link EOFException} anywhere in the causes: the data ended early, TRUNCATED;</li>
 * <li>a message saying "unsupported" (e.g. "Unsupported BMP compression"): UNSUPPORTED;</li>
 * <li>anything else, including runtime exceptions ImageIO throws on broken data (array indices, negative
 * sizes): CORRUPT.</li>
 * </ul>
 */
final class ImageIoFailures {

    private ImageIoFailures() {
    }

    static ImageDecodeException classify(Throwable failure, String source, ImageFormat format) {
        String name = format.displayName();
        String detail = detail(failure);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return ImageDecodeException.truncated(source, name, "before the image does", failure);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("unsupported")) {
                return new ImageDecodeException(Reason.UNSUPPORTED, source + ": this kind of " + name
                        + " is not supported by the Java image reader (" + detail + "); expected a common 8-bit"
                        + " image, e.g. saved again as PNG.", failure);
            }
        }
        return new ImageDecodeException(Reason.CORRUPT, source + ": the " + name + " data is corrupt and cannot be"
                + " decoded (" + detail + "); expected a valid " + name + " image.", failure);
    }

    /**
     * The deepest message in the causes (ImageIO wraps the telling one in a general one), with the exception's
     * type for runtime exceptions, whose messages ("Index 5 out of bounds for length 3") say little alone.
     */
    private static String detail(Throwable failure) {
        String detail = failure.getClass().getSimpleName();
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            String message = t.getMessage();
            if (message != null && !message.isBlank()) {
                detail = t instanceof RuntimeException ? t.getClass().getSimpleName() + ": " + message.strip()
                        : message.strip();
            }
        }
        return detail;
    }
}
