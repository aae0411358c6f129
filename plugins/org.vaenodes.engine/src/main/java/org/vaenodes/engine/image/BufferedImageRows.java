package org.vaenodes.engine.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.PackedColorModel;
import java.awt.image.Raster;

/**
 * The rows of an image ImageIO decoded, as opaque RGB in [0, 1].
 *
 * <ul>
 * <li>Palette (indexed) images are expanded through their palette.</li>
 * <li>Grey and RGB images are read from their raster's samples, each divided by its largest value (255 for 8-bit,
 * 65535 for 16-bit PNG, 31 or 63 for 16-bit BMP's 5-6-5 bits): the stored values as they are, so 16-bit files keep
 * their precision. Deliberately not through {@code ColorModel.getRGB}, which would reduce 16-bit samples to 8 bits
 * and treat grey as linear light, brightening every grey image.</li>
 * <li>Anything else (no such files come from the four formats' ImageIO readers, but other readers may be installed)
 * goes through {@code BufferedImage.getRGB}: 8 bits per channel, Java's own colour conversion.</li>
 * <li>Alpha is composited over white: c = a·c + (1 − a), so transparent areas become white whatever colour
 * the file keeps under them.</li>
 * </ul>
 */
final class BufferedImageRows implements RgbRows {

    private final BufferedImage image;
    private final Raster raster;
    private final int width;
    /** Palette composited over white, 3 values per entry; {@code null} unless indexed. */
    private final float[] palette;
    /** Whether the raster's samples can be used directly (grey or RGB components of an integer type). */
    private final boolean direct;
    private final int colourBands;
    private final int alphaBand;
    private final boolean premultiplied;
    private final double[] scale;
    private final int[] samples;

    BufferedImageRows(BufferedImage image) {
        this.image = image;
        this.raster = image.getRaster();
        this.width = image.getWidth();
        ColorModel cm = image.getColorModel();
        this.samples = new int[width];
        if (cm instanceof IndexColorModel icm) {
            palette = compositedPalette(icm);
            direct = false;
            colourBands = 0;
            alphaBand = -1;
            premultiplied = false;
            scale = null;
        } else {
            palette = null;
            direct = readsSamplesDirectly(cm, raster);
            colourBands = cm.getNumColorComponents();
            alphaBand = cm.hasAlpha() ? colourBands : -1;
            premultiplied = cm.isAlphaPremultiplied();
            scale = new double[cm.getNumComponents()];
            for (int b = 0; b < scale.length; b++) {
                scale[b] = 1.0 / ((1L << cm.getComponentSize(b)) - 1);
            }
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return image.getHeight();
    }

    @Override
    public void read(int y, float[] rgb) {
        if (palette != null) {
            raster.getSamples(0, y, width, 1, 0, samples);
            int entries = palette.length / 3;
            for (int x = 0; x < width; x++) {
                int entry = samples[x];
                System.arraycopy(palette, entry >= 0 && entry < entries ? entry * 3 : 0, rgb, x * 3, 3);
            }
        } else if (direct) {
            readSamples(y, rgb);
        } else {
            readThroughColourModel(y, rgb);
        }
    }

    private void readSamples(int y, float[] rgb) {
        for (int b = 0; b < colourBands; b++) {
            raster.getSamples(0, y, width, 1, b, samples);
            double s = scale[b];
            for (int x = 0; x < width; x++) {
                float v = (float) (samples[x] * s);
                if (colourBands == 1) {
                    rgb[x * 3] = v;
                    rgb[x * 3 + 1] = v;
                    rgb[x * 3 + 2] = v;
                } else {
                    rgb[x * 3 + b] = v;
                }
            }
        }
        if (alphaBand >= 0) {
            raster.getSamples(0, y, width, 1, alphaBand, samples);
            double s = scale[alphaBand];
            for (int x = 0; x < width; x++) {
                double a = samples[x] * s;
                for (int c = 0; c < 3; c++) {
                    double stored = rgb[x * 3 + c];
                    // premultiplied samples already hold a·c
                    rgb[x * 3 + c] = (float) ((premultiplied ? stored : a * stored) + (1 - a));
                }
            }
        }
    }

    private void readThroughColourModel(int y, float[] rgb) {
        image.getRGB(0, y, width, 1, samples, 0, width);
        for (int x = 0; x < width; x++) {
            int argb = samples[x];
            double a = (argb >>> 24) / 255.0;
            for (int c = 0; c < 3; c++) {
                double v = ((argb >> (16 - 8 * c)) & 0xFF) / 255.0;
                rgb[x * 3 + c] = (float) (a * v + (1 - a));
            }
        }
    }

    private static float[] compositedPalette(IndexColorModel icm) {
        // indices beyond the palette occur in broken files; they show entry 0 rather than failing the image
        int entries = Math.max(icm.getMapSize(), 1 << icm.getPixelSize());
        float[] p = new float[entries * 3];
        for (int i = 0; i < entries; i++) {
            int e = i < icm.getMapSize() ? i : 0;
            double a = icm.getAlpha(e) / 255.0;
            p[i * 3] = (float) (a * icm.getRed(e) / 255.0 + (1 - a));
            p[i * 3 + 1] = (float) (a * icm.getGreen(e) / 255.0 + (1 - a));
            p[i * 3 + 2] = (float) (a * icm.getBlue(e) / 255.0 + (1 - a));
        }
        return p;
    }

    /**
     * Grey or RGB stored as integer samples, one band per component (component models, and packed models such as
     * BMP's 5-6-5 or bit-field pixels, whose raster unpacks each component into a band).
     */
    private static boolean readsSamplesDirectly(ColorModel cm, Raster raster) {
        if (!(cm instanceof ComponentColorModel || cm instanceof PackedColorModel)) {
            return false;
        }
        int type = raster.getTransferType();
        if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT && type != DataBuffer.TYPE_INT) {
            return false;
        }
        int space = cm.getColorSpace().getType();
        int colours = cm.getNumColorComponents();
        boolean known = space == ColorSpace.TYPE_GRAY && colours == 1 || space == ColorSpace.TYPE_RGB && colours == 3;
        if (!known || raster.getNumBands() != cm.getNumComponents()) {
            return false;
        }
        for (int b = 0; b < cm.getNumComponents(); b++) {
            // 32-bit integer samples would not fit the int[] buffer as unsigned values
            if (cm.getComponentSize(b) < 1 || cm.getComponentSize(b) > 16) {
                return false;
            }
        }
        return true;
    }
}
