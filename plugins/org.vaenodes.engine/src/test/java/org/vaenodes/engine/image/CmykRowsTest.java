package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

import org.junit.jupiter.api.Test;

class CmykRowsTest {

    @Test
    void plainCmykIsInkOnWhitePaper() {
        // C 255 (full cyan), M 0, Y 51 (0.2), K 51 (0.2)
        assertArrayEquals(new float[] {0, 0.8f, 0.64f}, convert(-1, 255, 0, 51, 51), 1e-6f);
    }

    @Test
    void adobeCmykIsStoredInverted() {
        assertArrayEquals(new float[] {0, 0.8f, 0.64f}, convert(0, 0, 255, 204, 204), 1e-6f);
    }

    @Test
    void adobeYcckGoesThroughYccFirst() {
        // neutral YCC (Cb = Cr = 128) of 204 means inverted C = M = Y = 204, i.e. 0.2 ink each; K stored 128
        float paper = 0.8f * 128 / 255;
        assertArrayEquals(new float[] {paper, paper, paper}, convert(2, 204, 128, 128, 128), 1e-6f);
        double[] rgb = new double[3];
        CmykRows.yccToRgb(76, 85, 255, rgb); // JFIF red
        assertArrayEquals(new double[] {254.7, 0, 0}, rgb, 1);
    }

    @Test
    void refusesOtherBandCounts() {
        assertThrows(IllegalArgumentException.class, () -> new CmykRows(Raster.createInterleavedRaster(
                DataBuffer.TYPE_BYTE, 1, 1, 3, null), 0));
    }

    private static float[] convert(int adobeTransform, int... samples) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 1, 1, 4, null);
        raster.setPixel(0, 0, samples);
        float[] rgb = new float[3];
        new CmykRows(raster, adobeTransform).read(0, rgb);
        return rgb;
    }
}
