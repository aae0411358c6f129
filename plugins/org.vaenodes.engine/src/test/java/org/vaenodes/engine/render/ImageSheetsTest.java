package org.vaenodes.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.Digits;
import org.vaenodes.engine.train.Trainer;
import org.vaenodes.engine.train.TrainingConfig;

class ImageSheetsTest {

    static Vae vae;
    static Digits digits;

    @BeforeAll
    static void train() {
        digits = Digits.load(BuiltInSample.Split.TRAIN, 1000);
        vae = Trainer.train(VaeConfig.of(784, new int[] {128}, 2).withImageShape(28, 28), digits.data(false),
                new TrainingConfig(2, 32, 1e-3, 1, 0, 0, false), null, null).model();
    }

    static BufferedImage png(byte[] bytes) throws IOException {
        assertEquals((byte) 0x89, bytes[0]);
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    static void assertNotBlank(BufferedImage img) {
        int min = 255;
        int max = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int v = img.getRaster().getSample(x, y, 0);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertTrue(max - min > 100, "image is blank: grey values " + min + " … " + max);
    }

    @Test
    void latentGridHasTheRightSize() throws IOException {
        for (RangeMode m : RangeMode.values()) {
            BufferedImage img = png(ImageSheets.latentGrid(vae, 15, 0, 1, m, 2.5, null, -1, 2, false));
            assertEquals(15 * 28 * 2, img.getWidth());
            assertEquals(15 * 28 * 2, img.getHeight());
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, img.getType());
            assertNotBlank(img);
        }
    }

    @Test
    void sampleAndReconstructionSheets() throws IOException {
        BufferedImage s = png(ImageSheets.sampleSheet(vae, 10, 3, -1, 1, true));
        assertEquals(4 * 28, s.getWidth());
        assertEquals(3 * 28, s.getHeight());
        assertNotBlank(s);
        float[] in = java.util.Arrays.copyOf(digits.x, 12 * 784);
        BufferedImage r = png(ImageSheets.reconstructionSheet(vae, in, 12, null, 8, 1, false));
        assertEquals(8 * 28, r.getWidth());
        assertEquals(4 * 28, r.getHeight());
        assertNotBlank(r);
        BufferedImage one = png(ImageSheets.imagePng(digits.x, 784, ImageShape.gray(28, 28), 3, false));
        assertEquals(84, one.getWidth());
        assertNotBlank(one);
    }

    @Test
    void colourImagesKeepTheirChannelsInterleavedPerPixel() throws IOException {
        // a 2 × 1 RGB image: left pixel red, right pixel (0.2, 0.6, 1.0); two of them side by side, then inverted
        ImageShape shape = new ImageShape(2, 1, 3);
        float[] values = {1, 0, 0, 0.2f, 0.6f, 1, 1, 0, 0, 0.2f, 0.6f, 1};
        BufferedImage sheet = png(ImageSheets.sheet(values, 2, shape, 2, 2, false));
        assertEquals(8, sheet.getWidth());
        assertEquals(2, sheet.getHeight());
        assertEquals(0xFF0000, sheet.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFF0000, sheet.getRGB(5, 1) & 0xFFFFFF);
        assertEquals((51 << 16) | (153 << 8) | 255, sheet.getRGB(3, 0) & 0xFFFFFF);
        BufferedImage inverted = png(ImageSheets.imagePng(values, 3, shape, 1, true));
        assertEquals((204 << 16) | (102 << 8), inverted.getRGB(0, 0) & 0xFFFFFF);
        BufferedImage rec = png(ImageSheets.reconstructionSheet(values, values, 2, shape, 2, 1, false));
        assertEquals(4, rec.getWidth());
        assertEquals(0xFF0000, rec.getRGB(2, 1) & 0xFFFFFF);
    }

    @Test
    void validationMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageSheets.latentGrid(vae, 65, 0, 1, RangeMode.LINEAR, 2, null, -1, 1, false));
        assertTrue(e.getMessage().contains("between 1 and 64"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ImageSheets.latentGrid(vae, 5, 0, 0, RangeMode.LINEAR, 2, null, -1, 1, false));
        assertThrows(IllegalArgumentException.class,
                () -> ImageSheets.latentGrid(vae, 5, 0, 1, RangeMode.LINEAR, 2, null, 3, 1, false));
    }

    @Test
    void normalQuantiles() {
        assertEquals(1.959964, NormalQuantile.of(0.975), 1e-6);
        assertEquals(-1.959964, NormalQuantile.of(0.025), 1e-6);
        assertEquals(0, NormalQuantile.of(0.5), 1e-12);
        assertEquals(-3.090232, NormalQuantile.of(0.001), 1e-5);
        double[] c = ImageSheets.coordinates(4, RangeMode.LINEAR, 3);
        assertEquals(-3, c[0], 1e-12);
        assertEquals(3, c[3], 1e-12);
    }
}
