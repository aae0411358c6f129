package org.vaenodes.engine.image;

import java.util.Objects;

/**
 * One decoded image: its shape and its values in the package's pixel order (see {@link ImageShape}: row-major,
 * channels interleaved per pixel, every value in [0, 1]).
 *
 * @param shape  width, height and channels
 * @param pixels {@code shape.values()} values; the array is handed over, not copied, because images are large and
 *               the callers convert them straight into table cells
 */
public record DecodedImage(ImageShape shape, float[] pixels) {

    public DecodedImage {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != shape.values()) {
            throw new IllegalArgumentException("A " + shape.describe() + " image has " + shape.values()
                    + " values, not " + pixels.length);
        }
    }

    /** Channel {@code c} of the pixel in column {@code x}, row {@code y}. */
    public float value(int x, int y, int c) {
        return pixels[(y * shape.width() + x) * shape.channels() + c];
    }
}
