package org.vaenodes.engine.render;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * Renders images of a VAE to 8-bit PNG bytes, grey or RGB as the {@link ImageShape} says: latent grids, sample
 * sheets, input-vs-reconstruction sheets, and single images. Values are clamped to [0, 1] and mapped to 0 … 255 per
 * channel (full intensity = 1 unless inverted); tiles are placed edge to edge and each pixel is enlarged to
 * scale × scale.
 */
public final class ImageSheets {

    /** Largest grid side (n × n tiles). */
    public static final int MAX_GRID = 64;
    /** Largest number of images on a sample or reconstruction sheet. */
    public static final int MAX_SHEET_IMAGES = 4096;
    /** Largest tile scale. */
    public static final int MAX_SCALE = 16;

    private ImageSheets() {
    }

    /**
     * Grid of decoded images over latent dimensions {@code dimX} (left → right) and {@code dimY} (bottom → top);
     * all other dimensions are fixed to {@code fixed} (length L, or null for zeros). A model with a single latent
     * dimension gives a 1 × n strip over dimension 0 ({@code dimY} is then ignored).
     *
     * @param range      half-width r of the LINEAR range (ignored for GAUSSIAN_QUANTILES)
     * @param labelOrNeg class for a conditional model, else −1
     */
    public static byte[] latentGrid(Vae vae, int n, int dimX, int dimY, RangeMode mode, double range,
            float[] fixed, int labelOrNeg, int scale, boolean invert) {
        VaeConfig cfg = vae.config();
        ImageShape shape = imageShape(cfg);
        checkRange("Grid size n", n, 1, MAX_GRID);
        checkScale(scale);
        int l = cfg.latentSize();
        boolean strip = l == 1;
        checkRange("Latent dimension for the x axis", dimX, 0, l - 1);
        if (!strip) {
            checkRange("Latent dimension for the y axis", dimY, 0, l - 1);
            if (dimX == dimY) {
                throw new IllegalArgumentException("The two grid axes must be different latent dimensions (both are "
                        + dimX + ")");
            }
        }
        if (mode == RangeMode.LINEAR && !(range > 0 && range <= 1e6)) {
            throw new IllegalArgumentException("The grid range r must be a number > 0, not " + range);
        }
        if (fixed != null && fixed.length != l) {
            throw new IllegalArgumentException("Fixed latent values must have " + l + " entries, not "
                    + fixed.length);
        }
        int[] labels = labels(cfg, labelOrNeg, strip ? n : n * n);
        double[] coords = coordinates(n, mode, range);
        int tiles = strip ? n : n * n;
        float[] z = new float[tiles * l];
        for (int t = 0; t < tiles; t++) {
            int col = t % n;
            int row = t / n;
            for (int j = 0; j < l; j++) {
                z[t * l + j] = fixed == null ? 0f : fixed[j];
            }
            z[t * l + dimX] = (float) coords[col];
            if (!strip) {
                z[t * l + dimY] = (float) coords[n - 1 - row];
            }
        }
        float[] images = vae.decode(z, tiles, labels);
        return sheet(images, tiles, shape, n, scale, invert);
    }

    /** The n grid coordinates of one axis. */
    public static double[] coordinates(int n, RangeMode mode, double range) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            if (mode == RangeMode.GAUSSIAN_QUANTILES) {
                c[i] = NormalQuantile.of((i + 0.5) / n);
            } else {
                c[i] = n == 1 ? 0 : -range + 2 * range * i / (n - 1);
            }
        }
        return c;
    }

    /** n samples from the prior (seeded) in a near-square grid, for a conditional model all of class label. */
    public static byte[] sampleSheet(Vae vae, int n, long seed, int labelOrNeg, int scale, boolean invert) {
        VaeConfig cfg = vae.config();
        ImageShape shape = imageShape(cfg);
        checkRange("Number of samples", n, 1, MAX_SHEET_IMAGES);
        checkScale(scale);
        float[] images = vae.samplePrior(n, seed, labels(cfg, labelOrNeg, n));
        int cols = (int) Math.ceil(Math.sqrt(n));
        return sheet(images, n, shape, cols, scale, invert);
    }

    /**
     * Inputs above their reconstructions: for every group of up to {@code perRow} images one row of inputs and
     * below it one row of reconstructions.
     */
    public static byte[] reconstructionSheet(float[] inputs, float[] reconstructions, int count, ImageShape shape,
            int perRow, int scale, boolean invert) {
        checkRange("Number of images", count, 1, MAX_SHEET_IMAGES);
        checkRange("Images per row", perRow, 1, MAX_GRID);
        checkScale(scale);
        int px = shape.values();
        int imageRows = shape.height();
        int imageCols = shape.width();
        if (inputs.length < (long) count * px || reconstructions.length < (long) count * px) {
            throw new IllegalArgumentException("Need " + count + " inputs and reconstructions of " + px
                    + " values each");
        }
        int cols = Math.min(perRow, count);
        int groups = (count + perRow - 1) / perRow;
        BufferedImage img = canvas(cols * imageCols * scale, 2 * groups * imageRows * scale, shape);
        WritableRaster raster = img.getRaster();
        for (int i = 0; i < count; i++) {
            int g = i / perRow;
            int c = i % perRow;
            draw(raster, inputs, i * px, shape, c * imageCols * scale, 2 * g * imageRows * scale, scale, invert);
            draw(raster, reconstructions, i * px, shape, c * imageCols * scale, (2 * g + 1) * imageRows * scale,
                    scale, invert);
        }
        return png(img);
    }

    /** Reconstructs {@code count} inputs with the model (through μ) and renders the reconstruction sheet. */
    public static byte[] reconstructionSheet(Vae vae, float[] inputs, int count, int[] labelsOrNull, int perRow,
            int scale, boolean invert) {
        ImageShape shape = imageShape(vae.config());
        checkRange("Number of images", count, 1, MAX_SHEET_IMAGES);
        float[] rec = vae.reconstruct(inputs, count, labelsOrNull);
        return reconstructionSheet(inputs, rec, count, shape, perRow, scale, invert);
    }

    /** count images (each {@code shape.values()} values, in the order {@link ImageShape} states) in a grid. */
    public static byte[] sheet(float[] images, int count, ImageShape shape, int gridCols, int scale,
            boolean invert) {
        checkRange("Number of images", count, 1, MAX_SHEET_IMAGES);
        checkRange("Grid columns", gridCols, 1, MAX_SHEET_IMAGES);
        checkScale(scale);
        int px = shape.values();
        int imageRows = shape.height();
        int imageCols = shape.width();
        if (images.length < (long) count * px) {
            throw new IllegalArgumentException("Need " + count + " images of " + px + " values");
        }
        int cols = Math.min(gridCols, count);
        int rows = (count + gridCols - 1) / gridCols;
        BufferedImage img = canvas(cols * imageCols * scale, rows * imageRows * scale, shape);
        WritableRaster raster = img.getRaster();
        for (int i = 0; i < count; i++) {
            draw(raster, images, i * px, shape, (i % gridCols) * imageCols * scale,
                    (i / gridCols) * imageRows * scale, scale, invert);
        }
        return png(img);
    }

    /** One image (values[offset …] in the order {@link ImageShape} states) as PNG, e.g. for a table cell. */
    public static byte[] imagePng(float[] values, int offset, ImageShape shape, int scale, boolean invert) {
        checkScale(scale);
        if (offset < 0 || values.length - offset < shape.values()) {
            throw new IllegalArgumentException("Need " + shape.values() + " values from offset " + offset);
        }
        BufferedImage img = canvas(shape.width() * scale, shape.height() * scale, shape);
        draw(img.getRaster(), values, offset, shape, 0, 0, scale, invert);
        return png(img);
    }

    /** Grey value 0 … 255 of a model output (clamped to [0, 1]; NaN → 0). */
    public static int grey(float v, boolean invert) {
        float c = v > 1f ? 1f : (v >= 0f ? v : 0f);
        int g = Math.round(c * 255f);
        return invert ? 255 - g : g;
    }

    /** A grey or RGB image with 8 bits per channel, whose raster bands are the shape's channels in order. */
    private static BufferedImage canvas(int width, int height, ImageShape shape) {
        return new BufferedImage(width, height,
                shape.isColor() ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
    }

    private static void draw(WritableRaster r, float[] v, int off, ImageShape shape, int x0, int y0, int scale,
            boolean invert) {
        int rows = shape.height();
        int cols = shape.width();
        int ch = shape.channels();
        int[] line = new int[cols * scale * ch];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                for (int c = 0; c < ch; c++) {
                    int g = grey(v[off + (y * cols + x) * ch + c], invert);
                    for (int s = 0; s < scale; s++) {
                        line[(x * scale + s) * ch + c] = g;
                    }
                }
            }
            for (int s = 0; s < scale; s++) {
                r.setPixels(x0, y0 + y * scale + s, cols * scale, 1, line);
            }
        }
    }

    private static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("No PNG writer available");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ImageShape imageShape(VaeConfig cfg) {
        if (!cfg.isImage()) {
            throw new IllegalArgumentException("The model's inputs are not images (no image height and width "
                    + "were given when it was trained), so they cannot be drawn");
        }
        return cfg.imageShape();
    }

    private static int[] labels(VaeConfig cfg, int label, int count) {
        if (!cfg.isConditional()) {
            if (label >= 0) {
                throw new IllegalArgumentException("The model is not conditional; it takes no class label");
            }
            return null;
        }
        if (label < 0 || label >= cfg.numClasses()) {
            throw new IllegalArgumentException("This conditional model needs a class label between 0 and "
                    + (cfg.numClasses() - 1) + (label < 0 ? "" : ", not " + label));
        }
        int[] l = new int[count];
        java.util.Arrays.fill(l, label);
        return l;
    }

    private static void checkScale(int scale) {
        checkRange("Tile scale", scale, 1, MAX_SCALE);
    }

    private static void checkRange(String what, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", not " + v);
        }
    }
}
