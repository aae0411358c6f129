package org.vaenodes.engine.image;

import java.awt.image.Raster;

/**
 * The rows of a four-component (CMYK or YCCK) JPEG, converted to RGB from the raw samples ImageIO's
 * {@code readRaster} returns. ImageIO's {@code read} cannot produce an image from these files on Java 17
 * ("Unsupported Image Type"), and newer Javas convert them in their own way; reading the raw samples and
 * converting here gives the same result on every Java.
 *
 * <ul>
 * <li>Adobe APP14 transform 2 (YCCK): Y, Cb, Cr are first turned back into three values with the JFIF YCbCr→RGB
 * formulas; these are the inverted C, M, Y.</li>
 * <li>With an Adobe APP14 segment (transform 0 or 2), values are stored inverted (255 = no ink), as Adobe writes
 * them; without one they are plain CMYK (255 = full ink).</li>
 * <li>Then R = (1 − C)(1 − K), G = (1 − M)(1 − K), B = (1 − Y)(1 − K): a simple ink model without colour
 * management, so colours printed from an ICC profile are only approximated (typically a little too bright and
 * saturated).</li>
 * </ul>
 */
final class CmykRows implements RgbRows {

    /** Adobe APP14 transform value for YCCK. */
    static final int ADOBE_YCCK = 2;

    private final Raster raster;
    private final boolean ycck;
    private final boolean inverted;
    private final int[] samples;

    /**
     * @param raster         the raw 4-band samples
     * @param adobeTransform the APP14 transform, or -1 without an Adobe segment
     */
    CmykRows(Raster raster, int adobeTransform) {
        if (raster.getNumBands() != 4) {
            throw new IllegalArgumentException("A CMYK JPEG has 4 components, not " + raster.getNumBands());
        }
        this.raster = raster;
        this.ycck = adobeTransform == ADOBE_YCCK;
        this.inverted = adobeTransform >= 0;
        this.samples = new int[raster.getWidth() * 4];
    }

    @Override
    public int width() {
        return raster.getWidth();
    }

    @Override
    public int height() {
        return raster.getHeight();
    }

    @Override
    public void read(int y, float[] rgb) {
        int w = raster.getWidth();
        raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, samples);
        double[] cmy = new double[3];
        for (int x = 0; x < w; x++) {
            int s = x * 4;
            if (ycck) {
                yccToRgb(samples[s], samples[s + 1], samples[s + 2], cmy);
            } else {
                cmy[0] = samples[s];
                cmy[1] = samples[s + 1];
                cmy[2] = samples[s + 2];
            }
            // "no ink" as a fraction: the stored value itself when inverted, its complement otherwise
            double paperK = inverted ? samples[s + 3] / 255.0 : 1 - samples[s + 3] / 255.0;
            for (int c = 0; c < 3; c++) {
                double paper = inverted ? cmy[c] / 255.0 : 1 - cmy[c] / 255.0;
                rgb[x * 3 + c] = (float) (paper * paperK);
            }
        }
    }

    /** JFIF (ITU-R BT.601, full range) YCbCr to RGB, clamped to 0–255. */
    static void yccToRgb(int yy, int cb, int cr, double[] out) {
        out[0] = clamp(yy + 1.402 * (cr - 128));
        out[1] = clamp(yy - 0.344136 * (cb - 128) - 0.714136 * (cr - 128));
        out[2] = clamp(yy + 1.772 * (cb - 128));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(255, v));
    }
}
