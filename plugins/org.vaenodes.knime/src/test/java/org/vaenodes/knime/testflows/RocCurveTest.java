package org.vaenodes.knime.testflows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The ROC area by ranks, on cases small enough to check by hand, and against counting every pair. */
class RocCurveTest {

    private static double auc(double[] scores, boolean... positive) {
        return new RocCurve(scores, positive).auc();
    }

    @Test
    void perfectReversedAndChance() {
        assertEquals(1.0, auc(new double[] {0.1, 0.2, 0.8, 0.9}, false, false, true, true));
        assertEquals(0.0, auc(new double[] {0.1, 0.2, 0.8, 0.9}, true, true, false, false));
        assertEquals(0.5, auc(new double[] {3, 3, 3, 3, 3}, true, false, false, true, false), "all tied");
    }

    @Test
    void handComputedCases() {
        // positives 0.35 and 0.8, negatives 0.1 and 0.4: of 4 pairs the positive wins 3
        assertEquals(0.75, auc(new double[] {0.1, 0.4, 0.35, 0.8}, false, false, true, true));
        // positives 0.5, 0.9; negatives 0.5, 0.1, 0.3: 0.5 ties one and beats two (2.5), 0.9 beats all three: 5.5 / 6
        assertEquals(5.5 / 6, auc(new double[] {0.5, 0.9, 0.5, 0.1, 0.3}, true, true, false, false, false), 1e-15);
    }

    @Test
    void theCurveStepsThroughDistinctScoresWithTiesAsOneDiagonalStep() {
        RocCurve roc = new RocCurve(new double[] {0.5, 0.9, 0.5, 0.1, 0.3}, new boolean[] {true, true, false, false,
            false});
        List<double[]> points = roc.points();
        double[][] expected = {{0, 0}, {0, 0.5}, {1 / 3.0, 1}, {2 / 3.0, 1}, {1, 1}};
        assertEquals(expected.length, points.size());
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], points.get(i), 1e-12, "point " + i);
        }
        assertEquals(2, roc.positives());
        assertEquals(3, roc.negatives());
    }

    @Test
    void ranksAgreeWithCountingEveryPairAndWithTheAreaUnderTheDrawnCurve() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + rnd.nextInt(60);
            double[] s = new double[n];
            boolean[] p = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = rnd.nextInt(8); // many ties
                p[i] = rnd.nextDouble() < (i % 2 == 0 ? 0.3 + s[i] / 12 : 0.2);
            }
            p[0] = true;
            p[1] = false;
            double wins = 0;
            int pairs = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (p[i] && !p[j]) {
                        pairs++;
                        wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            RocCurve roc = new RocCurve(s, p);
            assertEquals(wins / pairs, roc.auc(), 1e-12, "trial " + trial);
            List<double[]> pts = roc.points();
            double area = 0;
            for (int i = 1; i < pts.size(); i++) {
                area += (pts.get(i)[0] - pts.get(i - 1)[0]) * (pts.get(i)[1] + pts.get(i - 1)[1]) / 2;
            }
            assertEquals(roc.auc(), area, 1e-12, "trapezoids under the curve, trial " + trial);
        }
    }

    @Test
    void anEmptyClassIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> auc(new double[] {1, 2}, false, false));
        assertTrue(e.getMessage().contains("0 are positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> auc(new double[] {1, 2}, true, true));
        assertTrue(e.getMessage().contains("0 negative"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> auc(new double[] {}, new boolean[0]));
        assertThrows(IllegalArgumentException.class, () -> auc(new double[] {Double.NaN, 1}, true, false));
    }
}
