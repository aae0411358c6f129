package org.vaenodes.engine.train;

import org.vaenodes.engine.spec.Likelihood;

/**
 * The smallest and largest of some values; a NaN among them makes the minimum or the maximum NaN. Whoever writes
 * training rows can measure it while the rows pass by anyway, so that checking them against a likelihood
 * ({@link TrainingData#whyNotFor}) needs no second pass over them.
 */
public record ValueRange(float min, float max) {

    /** The range of no values: the identity of {@link #union}. */
    public static final ValueRange EMPTY = new ValueRange(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);

    /** The range of {@code values[from … to)}. */
    public static ValueRange of(float[] values, int from, int to) {
        // on integer keys that sort as the floats do: an integer min/max loop runs about twice as fast as one on
        // floats (Math.min(float) must order −0 and NaN), and a NaN still lands above +∞ or below −∞
        int lo = Integer.MAX_VALUE;
        int hi = Integer.MIN_VALUE;
        for (int i = from; i < to; i++) {
            int key = sortKey(Float.floatToRawIntBits(values[i]));
            lo = Math.min(lo, key);
            hi = Math.max(hi, key);
        }
        return from >= to ? EMPTY
                : new ValueRange(Float.intBitsToFloat(sortKey(lo)), Float.intBitsToFloat(sortKey(hi)));
    }

    /** Flips a negative float's magnitude bits, so that float bits compare as signed integers; its own inverse. */
    private static int sortKey(int bits) {
        return bits ^ ((bits >> 31) & 0x7FFFFFFF);
    }

    /** The range of this range's values and the other's. */
    public ValueRange union(ValueRange other) {
        return new ValueRange(Math.min(min, other.min), Math.max(max, other.max));
    }

    /**
     * True if every value suits the likelihood: within [0, 1] for the Bernoulli, finite for the Gaussian (a NaN
     * range suits neither).
     */
    public boolean suits(Likelihood likelihood) {
        return likelihood == Likelihood.BERNOULLI ? min >= 0f && max <= 1f
                : min > Float.NEGATIVE_INFINITY && max < Float.POSITIVE_INFINITY;
    }
}
