package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ImagePngTest {

    private final ImageFileDecoder decoder = new ImageFileDecoder(ImageLimits.DEFAULT);

    @Test
    void greyRoundTripWithinOneLevel() throws ImageDecodeException {
        ImageShape shape = ImageShape.gray(7, 5);
        float[] pixels = random(shape.values(), 1);
        DecodedImage back = decoder.decode(ImagePng.encode(pixels, 0, shape), "grey", ColorMode.GRAY);
        assertEquals(shape, back.shape());
        assertArrayEquals(pixels, back.pixels(), 0.5f / 255 + 1e-6f);
    }

    @Test
    void rgbRoundTripWithinOneLevelFromAnOffset() throws ImageDecodeException {
        ImageShape shape = new ImageShape(6, 4, 3);
        float[] all = random(10 + shape.values(), 2);
        DecodedImage back = decoder.decode(ImagePng.encode(all, 10, shape), "rgb", ColorMode.RGB);
        assertEquals(shape, back.shape());
        float[] expected = java.util.Arrays.copyOfRange(all, 10, all.length);
        assertArrayEquals(expected, back.pixels(), 0.5f / 255 + 1e-6f);
    }

    @Test
    void clampsAndRounds() {
        assertEquals(0, ImagePng.level(-0.5f));
        assertEquals(0, ImagePng.level(Float.NaN));
        assertEquals(255, ImagePng.level(1.5f));
        assertEquals(255, ImagePng.level(Float.POSITIVE_INFINITY));
        assertEquals(128, ImagePng.level(0.5f)); // 127.5 rounds up
        assertEquals(1, ImagePng.level(1.4f / 255));
    }

    @Test
    void refusesTooFewValues() {
        assertThrows(IllegalArgumentException.class, () -> ImagePng.encode(new float[11], 0, ImageShape.gray(3,
                4)));
        assertThrows(IllegalArgumentException.class, () -> ImagePng.encode(new float[12], 1, ImageShape.gray(3,
                4)));
    }

    private static float[] random(int n, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextFloat();
        }
        return v;
    }
}
