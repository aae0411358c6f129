package org.vaenodes.engine.image;

/**
 * Collects the rows of a decoded picture into one {@link DecodedImage} with the requested channels.
 *
 * <ul>
 * <li>Grey from colour: ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B, on the stored (gamma-encoded sRGB) values
 * without linearisation, as most image libraries convert; a grey pixel (R = G = B) keeps its exact value.</li>
 * <li>A picture with a side above {@link ImageShape#MAX_SIDE} (4096) pixels is reduced by area averaging to fit
 * within 4096 × 4096, keeping its aspect ratio as closely as whole pixels allow. Decoded images must fit an
 * {@link ImageShape}, and the image is resized to the model's far smaller size afterwards anyway; reducing while
 * the rows arrive keeps just one reduced copy in memory instead of a full-size float image.</li>
 * </ul>
 */
final class PixelAssembler {

    static final double RED = 0.299;
    static final double GREEN = 0.587;
    static final double BLUE = 0.114;

    private PixelAssembler() {
    }

    /** The shape a picture of {@code width × height} pixels is delivered in (reduced if a side exceeds 4096). */
    static ImageShape deliveredShape(int width, int height, ColorMode mode) {
        int longest = Math.max(width, height);
        if (longest <= ImageShape.MAX_SIDE) {
            return new ImageShape(width, height, mode.channels());
        }
        double factor = (double) ImageShape.MAX_SIDE / longest;
        int w = (int) Math.max(1, Math.min(ImageShape.MAX_SIDE, Math.round(width * factor)));
        int h = (int) Math.max(1, Math.min(ImageShape.MAX_SIDE, Math.round(height * factor)));
        return new ImageShape(w, h, mode.channels());
    }

    static DecodedImage assemble(RgbRows rows, ColorMode mode) {
        int width = rows.width();
        int height = rows.height();
        ImageShape shape = deliveredShape(width, height, mode);
        int c = shape.channels();
        float[] pixels = new float[shape.values()];
        float[] rgb = new float[width * 3];
        if (shape.width() == width && shape.height() == height) {
            for (int y = 0; y < height; y++) {
                rows.read(y, rgb);
                toChannels(rgb, width, c, pixels, y * width * c);
            }
        } else {
            reduce(rows, shape, rgb, pixels);
        }
        return new DecodedImage(shape, pixels);
    }

    /** Area averaging of the streamed rows: each row is narrowed, then added into the output rows it overlaps. */
    private static void reduce(RgbRows rows, ImageShape shape, float[] rgb, float[] pixels) {
        int width = rows.width();
        int height = rows.height();
        int c = shape.channels();
        int rowValues = shape.width() * c;
        AxisWeights across = AxisWeights.of(width, shape.width());
        AxisWeights down = AxisWeights.of(height, shape.height());
        // the vertical weights turned around: for each source row, the output rows it counts in, and how much
        int[] fanOut = new int[height];
        for (int j = 0; j < down.size(); j++) {
            for (int k = 0; k < down.weights(j).length; k++) {
                fanOut[down.first(j) + k]++;
            }
        }
        int[][] targets = new int[height][];
        double[][] shares = new double[height][];
        for (int y = 0; y < height; y++) {
            targets[y] = new int[fanOut[y]];
            shares[y] = new double[fanOut[y]];
            fanOut[y] = 0;
        }
        for (int j = 0; j < down.size(); j++) {
            double[] w = down.weights(j);
            for (int k = 0; k < w.length; k++) {
                int y = down.first(j) + k;
                targets[y][fanOut[y]] = j;
                shares[y][fanOut[y]++] = w[k];
            }
        }
        float[] line = new float[width * c];
        float[] narrowed = new float[rowValues];
        for (int y = 0; y < height; y++) {
            rows.read(y, rgb);
            toChannels(rgb, width, c, line, 0);
            across.apply(line, 0, c, narrowed, 0, c, c);
            for (int t = 0; t < targets[y].length; t++) {
                int base = targets[y][t] * rowValues;
                float share = (float) shares[y][t];
                for (int i = 0; i < rowValues; i++) {
                    pixels[base + i] += share * narrowed[i];
                }
            }
        }
    }

    /** Writes one row of RGB as {@code channels} values per pixel into {@code out} from {@code offset}. */
    static void toChannels(float[] rgb, int width, int channels, float[] out, int offset) {
        if (channels == 3) {
            System.arraycopy(rgb, 0, out, offset, width * 3);
            return;
        }
        for (int x = 0; x < width; x++) {
            float r = rgb[x * 3];
            float g = rgb[x * 3 + 1];
            float b = rgb[x * 3 + 2];
            out[offset + x] = r == g && g == b ? r : (float) (RED * r + GREEN * g + BLUE * b);
        }
    }
}
