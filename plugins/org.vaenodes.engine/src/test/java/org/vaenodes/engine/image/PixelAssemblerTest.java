package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PixelAssemblerTest {

    @Test
    void greyIsTheBt601LumaAndGreyPixelsKeepTheirValue() {
        float[] rgb = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0.3f, 0.3f, 0.3f};
        float[] grey = new float[4];
        PixelAssembler.toChannels(rgb, 4, 1, grey, 0);
        assertArrayEquals(new float[] {0.299f, 0.587f, 0.114f, 0.3f}, grey, 1e-7f);
        assertEquals(0.3f, grey[3]); // exactly, not through the weights
    }

    @Test
    void rowsBecomeAnImageInRowMajorOrder() {
        DecodedImage image = PixelAssembler.assemble(rows(3, 2, (x, y) -> x + 10 * y), ColorMode.RGB);
        assertEquals(new ImageShape(3, 2, 3), image.shape());
        assertEquals(12, image.value(2, 1, 0) * 100, 1e-4);
        assertEquals(12, image.value(2, 1, 2) * 100, 1e-4);
    }

    @Test
    void sidesAbove4096AreReducedKeepingTheAspect() {
        assertEquals(ImageShape.gray(4096, 2048), PixelAssembler.deliveredShape(8192, 4096, ColorMode.GRAY));
        assertEquals(new ImageShape(1, 4096, 3), PixelAssembler.deliveredShape(3, 20000, ColorMode.RGB));
        assertEquals(ImageShape.gray(4096, 4096), PixelAssembler.deliveredShape(4096, 4096, ColorMode.GRAY));
    }

    @Test
    void reductionAveragesAreas() {
        // 8200 × 4 with a vertical ramp: halved width (4096 ≈ 8200 / 2.002), 2 rows, each the mean of two rows
        DecodedImage image = PixelAssembler.assemble(rows(8200, 4, (x, y) -> y), ColorMode.GRAY);
        assertEquals(ImageShape.gray(4096, 2), image.shape());
        for (int x = 0; x < 4096; x++) {
            assertEquals(0.005f, image.value(x, 0, 0), 1e-6f);
            assertEquals(0.025f, image.value(x, 1, 0), 1e-6f);
        }
    }

    /** Rows whose channels all hold {@code value(x, y) / 100}. */
    private static RgbRows rows(int width, int height, java.util.function.IntBinaryOperator value) {
        return new RgbRows() {
            @Override
            public int width() {
                return width;
            }

            @Override
            public int height() {
                return height;
            }

            @Override
            public void read(int y, float[] rgb) {
                for (int x = 0; x < width; x++) {
                    float v = value.applyAsInt(x, y) / 100f;
                    rgb[x * 3] = v;
                    rgb[x * 3 + 1] = v;
                    rgb[x * 3 + 2] = v;
                }
            }
        };
    }
}
