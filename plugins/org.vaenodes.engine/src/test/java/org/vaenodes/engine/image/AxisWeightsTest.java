package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AxisWeightsTest {

    @Test
    void shrinkingCoversEachSourcePixelByItsOverlap() {
        AxisWeights w = AxisWeights.of(5, 2); // each output covers 2.5 source pixels
        assertEquals(0, w.first(0));
        assertArrayEquals(new double[] {0.4, 0.4, 0.2}, w.weights(0), 1e-12);
        assertEquals(2, w.first(1));
        assertArrayEquals(new double[] {0.2, 0.4, 0.4}, w.weights(1), 1e-12);
    }

    @Test
    void sameSizeIsTheIdentity() {
        AxisWeights w = AxisWeights.of(4, 4);
        for (int i = 0; i < 4; i++) {
            assertEquals(i, w.first(i));
            assertArrayEquals(new double[] {1}, w.weights(i));
        }
    }

    @Test
    void enlargingInterpolatesBetweenAlignedCentres() {
        AxisWeights w = AxisWeights.of(2, 5); // output centre i maps to source (i + 0.5) * 0.4 - 0.5
        assertArrayEquals(new double[] {1}, w.weights(0)); // -0.3 clamped to the first pixel
        assertEquals(0, w.first(1));
        assertArrayEquals(new double[] {0.9, 0.1}, w.weights(1), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5}, w.weights(2), 1e-12);
        assertArrayEquals(new double[] {1}, w.weights(4));
        assertEquals(1, w.first(4));
    }

    @Test
    void aSubIntervalStartsInsideAPixel() {
        AxisWeights w = AxisWeights.of(5, 1.5, 2, 1);
        assertEquals(1, w.first(0));
        assertArrayEquals(new double[] {0.25, 0.5, 0.25}, w.weights(0), 1e-12);
    }

    @Test
    void appliesAlongStridedLines() {
        // two interleaved channels, a line of 4 pixels halved
        float[] src = {0, 10, 2, 20, 4, 30, 6, 40};
        float[] dst = new float[4];
        AxisWeights.of(4, 2).apply(src, 0, 2, dst, 0, 2, 2);
        assertArrayEquals(new float[] {1, 15, 5, 35}, dst);
    }

    @Test
    void refusesImpossibleMappings() {
        assertThrows(IllegalArgumentException.class, () -> AxisWeights.of(0, 3));
        assertThrows(IllegalArgumentException.class, () -> AxisWeights.of(3, 0));
        assertThrows(IllegalArgumentException.class, () -> AxisWeights.of(3, 1, 3, 2));
    }
}
