package org.vaenodes.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The screened, parallel search for the first value a likelihood cannot model agrees with a plain loop. */
@Timeout(120)
class ValueCheckTest {

    /** Values that are in [0, 1] as float comparison sees them, −0 among them, and each kind of value that is not. */
    private static final float[] IN_UNIT = {0f, -0f, 1f, Float.MIN_VALUE, 0.5f, Math.nextDown(1f)};
    private static final float[] OUTSIDE_UNIT = {Math.nextUp(1f), 2f, -Float.MIN_VALUE, -1e-30f, -1f,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xFFC00000),
        Float.MAX_VALUE};
    private static final float[] NOT_FINITE = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
        Float.intBitsToFloat(0xFFC00001), Float.intBitsToFloat(0x7F800001)};

    @Test
    void findsTheFirstValueOutsideTheUnitIntervalWhereverItLies() {
        Random rnd = new Random(11);
        // more than two parts' worth (the workers screen parts of 2^20 values and more), not a multiple of a block
        float[] v = unitValues(rnd, 3 * (1 << 20) + 4097);
        assertEquals(-1, ValueCheck.firstOutsideUnit(v, v.length));
        int[] places = {0, 4095, 4096, (1 << 20) + 3, v.length / 2, v.length / 2 + 1, v.length - 4097, v.length - 1};
        for (int place : places) {
            for (float bad : OUTSIDE_UNIT) {
                float[] w = v.clone();
                w[place] = bad;
                assertEquals(place, ValueCheck.firstOutsideUnit(w, w.length), "value " + bad + " at " + place);
                assertEquals(plainFirstOutsideUnit(w, w.length), ValueCheck.firstOutsideUnit(w, w.length));
            }
        }
    }

    @Test
    void answersTheLowestOfSeveralAndIgnoresValuesBeyondTheCount() {
        Random rnd = new Random(12);
        float[] v = unitValues(rnd, 2 * (1 << 20) + 100);
        int count = v.length - 50;
        v[count + 10] = 5f; // beyond the count: not looked at
        assertEquals(-1, ValueCheck.firstOutsideUnit(v, count));
        for (int trial = 0; trial < 40; trial++) {
            float[] w = v.clone();
            int bads = 1 + rnd.nextInt(4);
            for (int b = 0; b < bads; b++) {
                w[rnd.nextInt(count)] = OUTSIDE_UNIT[rnd.nextInt(OUTSIDE_UNIT.length)];
            }
            assertEquals(plainFirstOutsideUnit(w, count), ValueCheck.firstOutsideUnit(w, count));
        }
    }

    @Test
    void findsTheFirstValueThatIsNotFinite() {
        Random rnd = new Random(13);
        float[] v = new float[2 * (1 << 20) + 7];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextGaussian() * 1e30);
        }
        v[17] = Float.MAX_VALUE;
        v[18] = -Float.MAX_VALUE;
        assertEquals(-1, ValueCheck.firstNotFinite(v, v.length));
        for (int trial = 0; trial < 40; trial++) {
            float[] w = v.clone();
            int bads = 1 + rnd.nextInt(3);
            for (int b = 0; b < bads; b++) {
                w[rnd.nextInt(w.length)] = NOT_FINITE[rnd.nextInt(NOT_FINITE.length)];
            }
            int expected = -1;
            for (int i = 0; i < w.length && expected < 0; i++) {
                expected = Float.isFinite(w[i]) ? -1 : i;
            }
            assertEquals(expected, ValueCheck.firstNotFinite(w, w.length));
        }
    }

    @Test
    void smallArraysAndEmptyCountsToo() {
        assertEquals(-1, ValueCheck.firstOutsideUnit(IN_UNIT, IN_UNIT.length));
        assertEquals(2, ValueCheck.firstOutsideUnit(new float[] {0f, 1f, Float.NaN, 7f}, 4));
        assertEquals(-1, ValueCheck.firstOutsideUnit(new float[] {3f}, 0));
        assertEquals(1, ValueCheck.firstNotFinite(new float[] {-5e30f, Float.NEGATIVE_INFINITY}, 2));
    }

    private static float[] unitValues(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextInt(8) == 0 ? IN_UNIT[rnd.nextInt(IN_UNIT.length)] : rnd.nextFloat();
        }
        return v;
    }

    private static int plainFirstOutsideUnit(float[] v, int count) {
        for (int i = 0; i < count; i++) {
            if (!(v[i] >= 0f && v[i] <= 1f)) {
                return i;
            }
        }
        return -1;
    }
}
