package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DecodedImageTest {

    @Test
    void valuesMustMatchTheShape() {
        assertThrows(IllegalArgumentException.class, () -> new DecodedImage(new ImageShape(2, 2, 3), new float[4]));
        assertThrows(NullPointerException.class, () -> new DecodedImage(null, new float[4]));
        assertThrows(NullPointerException.class, () -> new DecodedImage(ImageShape.gray(2, 2), null));
    }

    @Test
    void valueIndexesRowMajorInterleaved() {
        float[] pixels = new float[2 * 3 * 3];
        pixels[(1 * 2 + 1) * 3 + 2] = 0.7f;
        assertEquals(0.7f, new DecodedImage(new ImageShape(2, 3, 3), pixels).value(1, 1, 2));
    }
}
