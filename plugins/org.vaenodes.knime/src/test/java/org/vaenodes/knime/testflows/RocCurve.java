package org.vaenodes.knime.testflows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The ROC curve of scores that should rank positive rows (anomalies, say) above negative ones: a higher score means
 * more positive. The area under it is computed exactly from ranks (the Mann–Whitney statistic: the share of
 * positive–negative pairs in which the positive scores higher, a tie counting one half), and the curve's points
 * step through the scores from the highest down, tied scores in one diagonal step, so the area under the drawn
 * curve is that same number. Plain Java: used by the {@code expected} file's {@code auc} and {@code export ... roc}
 * lines in both runtimes.
 */
final class RocCurve {

    private final double[] scores;
    private final boolean[] positive;
    private final int positives;
    private final int negatives;

    /**
     * @param scores   one score per row (no NaN)
     * @param positive whether each row is positive
     * @throws IllegalArgumentException if the arrays differ in length, a score is NaN, or a class is empty
     */
    RocCurve(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " classes");
        }
        int p = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            p += positive[i] ? 1 : 0;
        }
        if (p == 0 || p == scores.length) {
            throw new IllegalArgumentException("a ROC curve needs positive and negative rows, but of " + scores.length
                + " rows " + p + " are positive and " + (scores.length - p) + " negative");
        }
        this.scores = scores.clone();
        this.positive = positive.clone();
        this.positives = p;
        this.negatives = scores.length - p;
    }

    int positives() {
        return positives;
    }

    int negatives() {
        return negatives;
    }

    /** Rows by score, highest first. */
    private Integer[] byScoreDescending() {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        return order;
    }

    /**
     * The area under the curve: over all pairs of a positive and a negative row, the share where the positive
     * scores higher, ties counting one half. 1 separates perfectly, 0.5 is chance, 0 is perfectly reversed.
     */
    double auc() {
        // each group of tied scores adds (positives above it) x (its negatives) + 1/2 (its positives x its negatives)
        Integer[] order = byScoreDescending();
        double wins = 0;
        long positivesAbove = 0;
        for (int start = 0; start < order.length;) {
            int end = start;
            long p = 0;
            long n = 0;
            while (end < order.length && Double.compare(scores[order[end]], scores[order[start]]) == 0) {
                if (positive[order[end]]) {
                    p++;
                } else {
                    n++;
                }
                end++;
            }
            wins += positivesAbove * (double) n + 0.5 * p * n;
            positivesAbove += p;
            start = end;
        }
        return wins / ((double) positives * negatives);
    }

    /**
     * The curve's corners as (false-positive rate, true-positive rate), from (0, 0) to (1, 1): one per distinct score,
     * taking all rows of that score at once.
     */
    List<double[]> points() {
        Integer[] order = byScoreDescending();
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0});
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < order.length; i++) {
            if (positive[order[i]]) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfTie = i + 1 == order.length
                || Double.compare(scores[order[i + 1]], scores[order[i]]) != 0;
            if (lastOfTie) {
                points.add(new double[] {fp / (double) negatives, tp / (double) positives});
            }
        }
        return points;
    }
}
