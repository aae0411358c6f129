package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

/** The sample paths of {@link BufferedImageRows} on images built directly (no file in between). */
class BufferedImageRowsTest {

    @Test
    void greyTakesTheStoredLevelWithoutGammaConversion() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, 100);
        assertArrayEquals(new float[] {100 / 255f, 100 / 255f, 100 / 255f}, row(image, 0));
    }

    @Test
    void packedFiveSixFiveSamplesAreScaledByTheirOwnRange() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_565_RGB);
        image.getRaster().setPixel(0, 0, new int[] {31, 21, 10});
        assertArrayEquals(new float[] {1, 21 / 63f, 10 / 31f}, row(image, 0), 1e-7f);
    }

    @Test
    void premultipliedAlphaIsCompositedOverWhiteToo() {
        BufferedImage straight = new BufferedImage(1, 1, BufferedImage.TYPE_4BYTE_ABGR);
        straight.getRaster().setPixel(0, 0, new int[] {200, 100, 0, 51});
        BufferedImage pre = new BufferedImage(1, 1, BufferedImage.TYPE_4BYTE_ABGR_PRE);
        pre.getRaster().setPixel(0, 0, new int[] {40, 20, 0, 51}); // 200 · 0.2, 100 · 0.2
        float[] expected = {0.2f * 200 / 255 + 0.8f, 0.2f * 100 / 255 + 0.8f, 0.8f};
        assertArrayEquals(expected, row(straight, 0), 1e-6f);
        assertArrayEquals(expected, row(pre, 0), 1e-6f);
    }

    @Test
    void otherColourSpacesGoThroughJavasConversion() {
        // a linear-RGB image is no sRGB: the fallback converts it as Java does
        ColorSpace linear = ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB);
        java.awt.image.ComponentColorModel cm = new java.awt.image.ComponentColorModel(linear, new int[] {8, 8, 8},
                false, false, java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_BYTE);
        BufferedImage image = new BufferedImage(cm, cm.createCompatibleWritableRaster(1, 1), false, null);
        image.getRaster().setPixel(0, 0, new int[] {255, 0, 0});
        int argb = image.getRGB(0, 0);
        assertArrayEquals(new float[] {((argb >> 16) & 0xFF) / 255f, ((argb >> 8) & 0xFF) / 255f, (argb & 0xFF)
            / 255f}, row(image, 0), 1e-6f);
        assertEquals(1f, row(image, 0)[0], 1e-6f);
    }

    private static float[] row(BufferedImage image, int y) {
        BufferedImageRows rows = new BufferedImageRows(image);
        assertEquals(image.getWidth(), rows.width());
        assertEquals(image.getHeight(), rows.height());
        float[] rgb = new float[image.getWidth() * 3];
        rows.read(y, rgb);
        return rgb;
    }
}
