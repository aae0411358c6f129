package org.vaenodes.engine.train;

import java.util.Objects;

/**
 * Training rows as one row-major float array (n × D). The engine reads it in place and keeps no second copy: do
 * not modify it while training runs.
 *
 * @param values row-major n × D values
 * @param n      number of rows
 * @param d      values per row
 * @param labels one class index per row for a conditional VAE, else null
 */
public record TrainingData(float[] values, int n, int d, int[] labels) {

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
}
