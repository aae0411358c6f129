package org.vaenodes.knime.nodes.learner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.data.container.CloseableRowIterator;
import org.vaenodes.engine.train.TrainingData;
import org.vaenodes.knime.data.InputColumns;
import org.vaenodes.knime.data.LabelColumn;

/**
 * Turns the learner's input table into the engine's training data: one float32 copy of the inputs (nothing more is
 * kept), the class index of each row for a conditional VAE, and a count of rows skipped for missing values.
 */
final class TrainingTableReader {

    /** What was read: the data, the input layout (with a list column's length now known) and the label values. */
    record Result(TrainingData data, InputColumns input, List<String> labelValues, int skippedRows) {
    }

    private TrainingTableReader() {
    }

    static Result read(BufferedDataTable table, InputColumns input, LabelColumn label, boolean skipMissing,
        ExecutionMonitor exec) throws InvalidSettingsException, CanceledExecutionException {
        long size = table.size();
        if (size == 0) {
            throw new InvalidSettingsException("The input table is empty: the VAE needs rows to learn from.");
        }
        InputColumns in = input.width() > 0 ? input : input.withListLength(firstListLength(table, input));
        int width = in.width();
        if (size * width > Integer.MAX_VALUE - 8) {
            throw new InvalidSettingsException("Too much data for one training run: " + size + " rows of " + width
                + " values exceed 2^31 values. Sample fewer rows (e.g. with a Row Sampler).");
        }
        float[] values = new float[(int) size * width];
        String[] rawLabels = label == null ? null : new String[(int) size];
        int n = 0;
        int skipped = 0;
        try (CloseableRowIterator rows = table.iterator()) {
            while (rows.hasNext()) {
                DataRow row = rows.next();
                boolean complete = in.read(row, values, n * width);
                String lbl = label == null ? null : label.valueOf(row);
                if (!complete || (label != null && lbl == null)) {
                    if (!skipMissing) {
                        throw new InvalidSettingsException("Row '" + row.getKey().getString() + "' has a missing "
                            + (complete ? "label" : "input value") + ". Remove such rows (Missing Value node) or set "
                            + "'" + VaeLearnerSettings.CFG_MISSING + "' to skip.");
                    }
                    skipped++;
                    continue;
                }
                if (rawLabels != null) {
                    rawLabels[n] = lbl;
                }
                n++;
                if (n % 1024 == 0) {
                    exec.checkCanceled();
                    exec.setProgress(n / (double) size, "Reading row " + n + " of " + size);
                }
            }
        }
        if (n == 0) {
            throw new InvalidSettingsException("All " + size + " rows have missing values: nothing to learn from.");
        }
        float[] kept = n == size ? values : java.util.Arrays.copyOf(values, n * width);
        List<String> labelValues = List.of();
        int[] classes = null;
        if (rawLabels != null) {
            labelValues = LabelColumn.ordered(new HashSet<>(List.of(java.util.Arrays.copyOf(rawLabels, n))));
            classes = new int[n];
            for (int i = 0; i < n; i++) {
                classes[i] = labelValues.indexOf(rawLabels[i]);
            }
        }
        return new Result(new TrainingData(kept, n, width, classes), in, new ArrayList<>(labelValues), skipped);
    }

    private static int firstListLength(BufferedDataTable table, InputColumns input) throws InvalidSettingsException {
        try (CloseableRowIterator rows = table.iterator()) {
            while (rows.hasNext()) {
                int len = input.listLengthOf(rows.next());
                if (len > 0) {
                    return len;
                }
            }
        }
        throw new InvalidSettingsException("Every row's input list is missing or empty: nothing to learn from.");
    }
}
