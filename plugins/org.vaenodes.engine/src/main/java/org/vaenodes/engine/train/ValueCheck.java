package org.vaenodes.engine.train;

import org.vaenodes.engine.concurrent.EngineWorkers;

/**
 * Finds the first training value a likelihood cannot model: one outside [0, 1] (or NaN) for the Bernoulli, one that
 * is not finite for the Gaussian.
 *
 * <p>Why not one plain loop: the check runs before every training on rows whose range nobody measured — 47 million
 * values for Fashion-MNIST, where a loop that tests each value and may stop at any took 90 ms. Here each block is
 * first screened by a loop without a branch, an OR (or AND) over the values' bits that the JIT vectorises, and only a
 * block the screen flags is searched value by value; the parts of a large array are screened on the engine's workers
 * at once. The answer is the same: the lowest index in the lowest part that holds one.
 */
final class ValueCheck {

    /** Values screened at a time: small enough to search again at once while they are still in cache. */
    private static final int BLOCK = 4096;
    /** Fewest values worth a worker of their own. */
    private static final int MIN_PART = 1 << 20;
    /** The bits of 1f: the bits of every float in [+0, 1], read as an int, lie in [0, ONE_BITS]. */
    private static final int ONE_BITS = 0x3F800000;
    /** The exponent bits: all set only in infinities and NaNs. */
    private static final int EXPONENT_BITS = 0x7F800000;

    private ValueCheck() {
    }

    /** Index of the first of values[0, count) outside [0, 1] or NaN, or −1 if there is none. */
    static int firstOutsideUnit(float[] values, int count) {
        return first(values, count, true);
    }

    /** Index of the first of values[0, count) that is infinite or NaN, or −1 if there is none. */
    static int firstNotFinite(float[] values, int count) {
        return first(values, count, false);
    }

    private static int first(float[] values, int count, boolean unit) {
        int parts = Math.max(1, Math.min(EngineWorkers.threadCount(), count / MIN_PART));
        int[] found = new int[parts];
        EngineWorkers.forEachPart(parts,
            p -> found[p] = firstIn(values, part(count, p, parts), part(count, p + 1, parts), unit));
        for (int f : found) {
            if (f >= 0) {
                return f;
            }
        }
        return -1;
    }

    private static int part(int count, int p, int parts) {
        return (int) ((long) count * p / parts);
    }

    private static int firstIn(float[] values, int from, int to, boolean unit) {
        for (int start = from; start < to; start += BLOCK) {
            int end = Math.min(to, start + BLOCK);
            if (unit ? mayLeaveUnit(values, start, end) : anyNotFinite(values, start, end)) {
                int at = unit ? searchOutsideUnit(values, start, end) : searchNotFinite(values, start, end);
                if (at >= 0) {
                    return at;
                }
            }
        }
        return -1;
    }

    /**
     * False if every value is in [+0, 1]: then neither its bits nor ONE_BITS minus them are negative. True for any
     * other value (a negative float or NaN has the sign bit set; anything above 1, +∞ and the positive NaNs make the
     * difference negative) and for −0, which the search then finds to be in range.
     */
    private static boolean mayLeaveUnit(float[] values, int from, int to) {
        int signs = 0;
        for (int i = from; i < to; i++) {
            int bits = Float.floatToRawIntBits(values[i]);
            signs |= bits | (ONE_BITS - bits);
        }
        return signs < 0;
    }

    /** True if some value is infinite or NaN (for each finite one, its exponent bits minus EXPONENT_BITS are < 0). */
    private static boolean anyNotFinite(float[] values, int from, int to) {
        int signs = -1;
        for (int i = from; i < to; i++) {
            signs &= (Float.floatToRawIntBits(values[i]) & EXPONENT_BITS) - EXPONENT_BITS;
        }
        return signs >= 0;
    }

    private static int searchOutsideUnit(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!(values[i] >= 0f && values[i] <= 1f)) {
                return i;
            }
        }
        return -1;
    }

    private static int searchNotFinite(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }
}
