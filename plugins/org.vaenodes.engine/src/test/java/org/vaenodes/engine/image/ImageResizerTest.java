package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ImageResizerTest {

    @Test
    void constantImageStaysConstantAtEverySize() {
        DecodedImage image = constant(7, 5, 3, 0.37f);
        for (int[] size : new int[][] {{3, 2}, {7, 5}, {11, 13}, {1, 1}, {20, 3}}) {
            for (ResizeMode mode : ResizeMode.values()) {
                DecodedImage resized = ImageResizer.resize(image, size[0], size[1], mode);
                assertEquals(new ImageShape(size[0], size[1], 3), resized.shape());
                for (float v : resized.pixels()) {
                    assertEquals(0.37f, v, 1e-6f, Arrays.toString(size) + " " + mode);
                }
            }
        }
    }

    @Test
    void halvingAveragesTwoByTwoBlocksExactly() {
        float[] pixels = {
            0, 1, 2, 3,
            4, 5, 6, 7,
            8, 9, 10, 11,
            12, 13, 14, 15};
        DecodedImage image = new DecodedImage(ImageShape.gray(4, 4), pixels);
        DecodedImage half = ImageResizer.resize(image, 2, 2, ResizeMode.STRETCH);
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, half.pixels());
    }

    @Test
    void shrinkingByAFractionalFactorWeightsPartlyCoveredPixels() {
        // 3 → 2: output 0 covers pixel 0 and half of pixel 1, output 1 the other half and pixel 2
        DecodedImage row = new DecodedImage(ImageShape.gray(3, 1), new float[] {0, 0.3f, 0.9f});
        DecodedImage out = ImageResizer.resize(row, 2, 1, ResizeMode.STRETCH);
        assertArrayEquals(new float[] {(0 + 0.15f) / 1.5f, (0.15f + 0.9f) / 1.5f}, out.pixels(), 1e-6f);
    }

    @Test
    void shrinkingKeepsTheMean() {
        Random random = new Random(3);
        float[] pixels = new float[30 * 20 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        DecodedImage image = new DecodedImage(new ImageShape(30, 20, 3), pixels);
        for (int[] size : new int[][] {{7, 3}, {15, 10}, {29, 19}, {1, 1}}) {
            DecodedImage small = ImageResizer.resize(image, size[0], size[1], ResizeMode.STRETCH);
            for (int c = 0; c < 3; c++) {
                assertEquals(channelMean(image, c), channelMean(small, c), 1e-5, Arrays.toString(size));
            }
        }
    }

    @Test
    void enlargingInterpolatesKeepingTheCornersAndTheirOrder() {
        DecodedImage image = new DecodedImage(ImageShape.gray(2, 2), new float[] {0, 0.25f, 0.5f, 1});
        DecodedImage big = ImageResizer.resize(image, 4, 4, ResizeMode.STRETCH);
        float[] p = big.pixels();
        assertEquals(0f, p[0]);
        assertEquals(0.25f, p[3]);
        assertEquals(0.5f, p[12]);
        assertEquals(1f, p[15]);
        // bilinear with aligned centres: output 1 lies at source 0.25, output 2 at 0.75
        assertEquals(0.25f * 0.25f, p[1], 1e-6f);
        assertEquals(0.75f * 0.25f, p[2], 1e-6f);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 3; x++) {
                assertTrue(p[y * 4 + x] <= p[y * 4 + x + 1], "rows rise to the right");
            }
        }
        for (int x = 0; x < 4; x++) {
            for (int y = 0; y < 3; y++) {
                assertTrue(p[y * 4 + x] <= p[(y + 1) * 4 + x], "columns rise downwards");
            }
        }
    }

    @Test
    void cropTakesTheCentredRegionWithTheTargetsAspect() {
        // 6 × 4, column x has value x: the centre 4 × 4 region is columns 1–4
        float[] pixels = new float[24];
        for (int i = 0; i < 24; i++) {
            pixels[i] = i % 6;
        }
        DecodedImage image = new DecodedImage(ImageShape.gray(6, 4), pixels);
        DecodedImage cropped = ImageResizer.resize(image, 2, 2, ResizeMode.CROP);
        assertArrayEquals(new float[] {1.5f, 3.5f, 1.5f, 3.5f}, cropped.pixels(), 1e-6f);
        DecodedImage stretched = ImageResizer.resize(image, 2, 2, ResizeMode.STRETCH);
        assertArrayEquals(new float[] {1, 4, 1, 4}, stretched.pixels(), 1e-6f);
    }

    @Test
    void cropOfATallImageTakesTheMiddleRows() {
        float[] pixels = new float[3 * 9];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i / 3; // the row index
        }
        DecodedImage image = new DecodedImage(ImageShape.gray(3, 9), pixels);
        DecodedImage cropped = ImageResizer.resize(image, 3, 3, ResizeMode.CROP);
        assertArrayEquals(new float[] {3, 3, 3, 4, 4, 4, 5, 5, 5}, cropped.pixels(), 1e-6f);
    }

    @Test
    void cropCentresExactlyWhenTheRegionEdgeFallsInsideAPixel() {
        // 5 × 2 to a square: the region is columns [1.5, 3.5), symmetric around the middle column
        float[] pixels = {0, 0, 1, 0, 0, 0, 0, 1, 0, 0};
        DecodedImage cropped = ImageResizer.resize(new DecodedImage(ImageShape.gray(5, 2), pixels), 1, 1,
                ResizeMode.CROP);
        assertEquals(0.5f, cropped.pixels()[0], 1e-6f);
    }

    @Test
    void keepsChannelsSeparate() {
        float[] pixels = new float[4 * 4 * 3];
        for (int i = 0; i < 16; i++) {
            pixels[i * 3] = 1;
            pixels[i * 3 + 2] = 0.5f;
        }
        DecodedImage image = new DecodedImage(new ImageShape(4, 4, 3), pixels);
        assertArrayEquals(new float[] {1, 0, 0.5f, 1, 0, 0.5f, 1, 0, 0.5f}, ImageResizer.resize(image, 3, 1,
                ResizeMode.STRETCH).pixels(), 1e-6f);
    }

    @Test
    void sameSizeIsReturnedAsItIsAndInvalidTargetsAreRefused() {
        DecodedImage image = constant(4, 4, 1, 0.5f);
        assertSame(image, ImageResizer.resize(image, 4, 4, ResizeMode.CROP));
        assertThrows(IllegalArgumentException.class, () -> ImageResizer.resize(image, 0, 4, ResizeMode.STRETCH));
        assertThrows(IllegalArgumentException.class, () -> ImageResizer.resize(image, 4, ImageShape.MAX_SIDE + 1,
                ResizeMode.STRETCH));
    }

    private static DecodedImage constant(int w, int h, int c, float v) {
        float[] pixels = new float[w * h * c];
        Arrays.fill(pixels, v);
        return new DecodedImage(new ImageShape(w, h, c), pixels);
    }

    private static double channelMean(DecodedImage image, int c) {
        int n = image.shape().width() * image.shape().height();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += image.pixels()[i * image.shape().channels() + c];
        }
        return sum / n;
    }
}
