package org.vaenodes.engine.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * Encodes float pixels (the package's order, see {@link ImageShape}) as an 8-bit PNG, grey or RGB: what image
 * cells show. Values are clamped to [0, 1] (NaN becomes 0) and rounded to the nearest of 256 levels, v·255.
 */
public final class ImagePng {

    private ImagePng() {
    }

    /**
     * @param pixels holds the image from {@code offset}: {@code shape.values()} values
     * @param shape  1 channel gives a grey PNG, 3 an RGB PNG
     */
    public static byte[] encode(float[] pixels, int offset, ImageShape shape) {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(shape, "shape");
        if (offset < 0 || offset > pixels.length - shape.values()) {
            throw new IllegalArgumentException("A " + shape.describe() + " image needs " + shape.values()
                    + " values from index " + offset + ", but the array holds " + pixels.length);
        }
        int[] levels = new int[shape.values()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = level(pixels[offset + i]);
        }
        BufferedImage image = new BufferedImage(shape.width(), shape.height(),
                shape.isColor() ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
        // the raster takes the values in R, G, B order whatever the byte layout behind it
        image.getRaster().setPixels(0, 0, shape.width(), shape.height(), levels);
        return GrayPng.write(image);
    }

    /** 0…255 for a value in [0, 1]; outside clamped, NaN 0. */
    static int level(float v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 1 ? 255 : Math.round(v * 255);
    }
}
