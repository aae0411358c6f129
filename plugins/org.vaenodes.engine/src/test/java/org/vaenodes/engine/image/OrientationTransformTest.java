package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** On a 3 × 2 grey picture with values 1…6 (row-major), each correction written out by hand. */
class OrientationTransformTest {

    private static final DecodedImage STORED = new DecodedImage(ImageShape.gray(3, 2), new float[] {
        1, 2, 3,
        4, 5, 6});

    @Test
    void eachOrientationByHand() {
        assertSame(STORED, OrientationTransform.upright(STORED, 1));
        assertUpright(2, 3, 2, 3, 2, 1, 6, 5, 4);
        assertUpright(3, 3, 2, 6, 5, 4, 3, 2, 1);
        assertUpright(4, 3, 2, 4, 5, 6, 1, 2, 3);
        assertUpright(5, 2, 3, 1, 4, 2, 5, 3, 6);
        assertUpright(6, 2, 3, 4, 1, 5, 2, 6, 3);
        assertUpright(7, 2, 3, 6, 3, 5, 2, 4, 1);
        assertUpright(8, 2, 3, 3, 6, 2, 5, 1, 4);
    }

    @Test
    void unknownValuesLeaveThePicture() {
        assertSame(STORED, OrientationTransform.upright(STORED, 0));
        assertSame(STORED, OrientationTransform.upright(STORED, 9));
    }

    @Test
    void movesWholePixelsOfColourImages() {
        DecodedImage rgb = new DecodedImage(new ImageShape(2, 1, 3), new float[] {1, 2, 3, 4, 5, 6});
        DecodedImage turned = OrientationTransform.upright(rgb, 6);
        assertEquals(new ImageShape(1, 2, 3), turned.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, turned.pixels());
        assertArrayEquals(new float[] {4, 5, 6, 1, 2, 3}, OrientationTransform.upright(rgb, 2).pixels());
    }

    private static void assertUpright(int orientation, int width, int height, float... expected) {
        DecodedImage upright = OrientationTransform.upright(STORED, orientation);
        assertEquals(ImageShape.gray(width, height), upright.shape(), "orientation " + orientation);
        assertArrayEquals(expected, upright.pixels(), "orientation " + orientation);
    }
}
