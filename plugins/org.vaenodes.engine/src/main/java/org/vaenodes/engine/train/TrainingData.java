package org.vaenodes.engine.train;

import java.util.Objects;

import org.vaenodes.engine.spec.Likelihood;

/**
 * Training rows as one row-major float array (n × D). The engine reads it in place and keeps no second copy: do
 * not modify it while training runs.
 *
 * @param values row-major n × D values
 * @param n      number of rows
 * @param d      values per row
 * @param labels one class index per row for a conditional VAE, else null
 * @param range  the range of {@code values} if the caller measured it (e.g. while converting a table), else null
 */
public record TrainingData(float[] values, int n, int d, int[] labels, ValueRange range) implements TrainingRows {

    /** Rows whose range is not known yet (it is measured when needed). */
    public TrainingData(float[] values, int n, int d, int[] labels) {
        this(values, n, d, labels, null);
    }

    public TrainingData {
        Objects.requireNonNull(values, "values");
        if (n < 1 || d < 1) {
            throw new IllegalArgumentException("Training data needs at least one row and one column (got " + n
                    + " × " + d + ")");
        }
        if (values.length != (long) n * d) {
            throw new IllegalArgumentException("Expected " + n + " × " + d + " = " + (long) n * d
                    + " values but got " + values.length);
        }
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException("Expected " + n + " labels but got " + labels.length);
        }
    }

    @Override
    public int rows() {
        return n;
    }

    @Override
    public int width() {
        return d;
    }

    @Override
    public boolean labelled() {
        return labels != null;
    }

    @Override
    public void read(int first, int count, float[] into, int[] labelsInto, int at) {
        System.arraycopy(values, first * d, into, at * d, count * d);
        if (labels != null && labelsInto != null) {
            System.arraycopy(labels, first, labelsInto, at, count);
        }
    }

    /**
     * Why these values do not suit {@code likelihood}, naming the first offending row (counted from 1) and value, or
     * null if they do: the Bernoulli likelihood needs every value in [0, 1]; the Gaussian takes any finite value. A
     * known {@link #range()} that suits the likelihood answers without a pass over the values.
     */
    public String whyNotFor(Likelihood likelihood) {
        if (range != null && range.suits(likelihood)) {
            return null;
        }
        return whyNotFor(likelihood, values, n, d, 0);
    }

    /** As {@link #whyNotFor(Likelihood)} for {@code rows} rows of {@code values}, the first being row firstRow + 1. */
    static String whyNotFor(Likelihood likelihood, float[] values, int rows, int d, int firstRow) {
        boolean bernoulli = likelihood == Likelihood.BERNOULLI;
        int count = rows * d;
        int bad = bernoulli ? ValueCheck.firstOutsideUnit(values, count) : ValueCheck.firstNotFinite(values, count);
        if (bad < 0) {
            return null;
        }
        return "The " + likelihood.name().toLowerCase(java.util.Locale.ROOT) + " likelihood needs "
                + (bernoulli ? "input values in [0, 1]" : "finite input values") + ", but row "
                + (firstRow + bad / d + 1) + " has " + values[bad];
    }
}
