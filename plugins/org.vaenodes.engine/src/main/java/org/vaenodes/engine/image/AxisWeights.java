package org.vaenodes.engine.image;

/**
 * How each output pixel along one axis is made from source pixels: a run of consecutive source pixels and their
 * weights (summing to 1). Resizing applies one of these per axis, rows then columns, which is exact for these
 * filters because both are products of per-axis filters.
 *
 * <p>The output covers the source interval [start, start + length) in pixel-edge coordinates (pixel k spans
 * [k, k + 1)); one output pixel spans {@code length / size} of it.
 * <ul>
 * <li>Shrinking (span ≥ 1): area averaging, each source pixel weighted by how much of it the output pixel covers,
 * fractions at the edges included. Every source pixel counts, so the mean is kept and fine detail does not alias
 * as it would with point sampling.</li>
 * <li>Enlarging (span &lt; 1): bilinear interpolation between the two nearest source pixel centres, output and
 * source pixel centres aligned (the first and last output pixels take the edge pixels' values).</li>
 * </ul>
 */
final class AxisWeights {

    private final int[] first;
    private final double[][] weights;

    private AxisWeights(int[] first, double[][] weights) {
        this.first = first;
        this.weights = weights;
    }

    /** The whole source axis of {@code sourceSize} pixels onto {@code size} pixels. */
    static AxisWeights of(int sourceSize, int size) {
        return of(sourceSize, 0, sourceSize, size);
    }

    /**
     * @param sourceSize source pixels along the axis
     * @param start      where the covered interval starts (0 ≤ start, start + length ≤ sourceSize)
     * @param length     the covered interval's length (&gt; 0)
     * @param size       output pixels
     */
    static AxisWeights of(int sourceSize, double start, double length, int size) {
        if (sourceSize < 1 || size < 1 || !(length > 0) || start < 0 || start + length > sourceSize + 1e-9) {
            throw new IllegalArgumentException("Cannot map [" + start + ", " + (start + length) + ") of " + sourceSize
                    + " pixels onto " + size);
        }
        double span = length / size;
        int[] first = new int[size];
        double[][] weights = new double[size][];
        for (int i = 0; i < size; i++) {
            if (span >= 1) {
                area(sourceSize, start + i * span, start + (i + 1) * span, i, first, weights);
            } else {
                bilinear(sourceSize, start + (i + 0.5) * span - 0.5, i, first, weights);
            }
        }
        return new AxisWeights(first, weights);
    }

    /** Output pixels along the axis. */
    int size() {
        return first.length;
    }

    /** The first source pixel output pixel {@code i} uses. */
    int first(int i) {
        return first[i];
    }

    /** The weights of the source pixels {@code first(i)}, {@code first(i) + 1}, … for output pixel {@code i}. */
    double[] weights(int i) {
        return weights[i].clone();
    }

    /**
     * Resamples one line of pixels along this axis.
     *
     * @param src       source values; source pixel k, channel c at {@code srcOffset + k * srcStride + c}
     * @param dst       output values; output pixel i, channel c at {@code dstOffset + i * dstStride + c}
     * @param channels  values per pixel
     */
    void apply(float[] src, int srcOffset, int srcStride, float[] dst, int dstOffset, int dstStride, int channels) {
        for (int i = 0; i < first.length; i++) {
            double[] w = weights[i];
            int base = srcOffset + first[i] * srcStride;
            for (int c = 0; c < channels; c++) {
                double sum = 0;
                for (int k = 0; k < w.length; k++) {
                    sum += w[k] * src[base + k * srcStride + c];
                }
                dst[dstOffset + i * dstStride + c] = (float) sum;
            }
        }
    }

    private static void area(int sourceSize, double from, double to, int i, int[] first, double[][] weights) {
        int lo = Math.max(0, (int) Math.floor(from));
        int hi = Math.min(sourceSize - 1, (int) Math.ceil(to) - 1);
        // drop pixels that only touch the interval at a point (floating-point edges)
        while (lo < hi && Math.min(to, lo + 1) - Math.max(from, lo) <= 1e-12) {
            lo++;
        }
        while (hi > lo && Math.min(to, hi + 1) - Math.max(from, hi) <= 1e-12) {
            hi--;
        }
        double[] overlap = new double[hi - lo + 1];
        double total = 0;
        for (int k = lo; k <= hi; k++) {
            overlap[k - lo] = Math.max(0, Math.min(to, k + 1) - Math.max(from, k));
            total += overlap[k - lo];
        }
        first[i] = lo;
        weights[i] = normalised(overlap, total);
    }

    private static void bilinear(int sourceSize, double centre, int i, int[] first, double[][] weights) {
        double u = Math.max(0, Math.min(sourceSize - 1, centre));
        int k = (int) Math.floor(u);
        double t = u - k;
        if (k >= sourceSize - 1 || t == 0) {
            first[i] = k;
            weights[i] = new double[] {1};
        } else {
            first[i] = k;
            weights[i] = new double[] {1 - t, t};
        }
    }

    /** Divided by their sum, so that a constant image stays exactly constant despite rounding in the overlaps. */
    private static double[] normalised(double[] w, double total) {
        double[] out = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            out[k] = total > 0 ? w[k] / total : 1.0 / w.length;
        }
        return out;
    }
}
