package org.vaenodes.knime.nodes.learner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.data.container.CloseableRowIterator;
import org.vaenodes.engine.concurrent.EngineWorkers;
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

    /** Rows taken from the table's iterator (on the calling thread) before they are converted together. */
    private static final int CHUNK_ROWS = 2048;
    /** Fewest rows worth a thread of their own. */
    private static final int MIN_ROWS_PER_PART = 256;
    private static final byte COMPLETE = 0;
    private static final byte MISSING = 1;
    private static final byte FAILED = 2;

    private TrainingTableReader() {
    }

    static Result read(BufferedDataTable table, InputColumns input, LabelColumn label, boolean skipMissing,
        ExecutionMonitor exec) throws InvalidSettingsException, CanceledExecutionException {
        long size = table.size();
        if (size == 0) {
            throw new InvalidSettingsException("The input table is empty: the VAE needs rows to learn from.");
        }
        InputColumns in = input.width() > 0 ? input : learnWidth(table, input);
        int width = in.width();
        if (size * width > Integer.MAX_VALUE - 8) {
            throw new InvalidSettingsException("Too much data for one training run: " + size + " rows of " + width
                + " values exceed 2^31 values. Sample fewer rows (e.g. with a Row Sampler).");
        }
        float[] values = new float[(int) size * width];
        String[] rawLabels = label == null ? null : new String[(int) size];
        int n = 0;
        int skipped = 0;
        int seen = 0;
        DataRow[] rows = new DataRow[CHUNK_ROWS];
        DataCell[] lists = new DataCell[CHUNK_ROWS];
        byte[] status = new byte[CHUNK_ROWS];
        InvalidSettingsException[] errors = new InvalidSettingsException[CHUNK_ROWS];
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                int count = 0;
                while (count < CHUNK_ROWS && it.hasNext()) {
                    rows[count] = it.next();
                    lists[count] = in.listCell(rows[count]);
                    count++;
                }
                // each row lands at its position in the table; rows after a skipped one move up below
                convert(in, rows, lists, count, values, seen, status, errors);
                for (int i = 0; i < count; i++) {
                    DataRow row = rows[i];
                    if (status[i] == FAILED) {
                        throw errors[i];
                    }
                    boolean complete = status[i] == COMPLETE;
                    String lbl = label == null ? null : label.valueOf(row);
                    if (!complete || (label != null && lbl == null)) {
                        if (!skipMissing) {
                            throw new InvalidSettingsException("Row '" + row.getKey().getString() + "' has a missing "
                                + (complete ? "label" : "input value") + ". Remove such rows (Missing Value node) or "
                                + "set '" + VaeLearnerSettings.CFG_MISSING + "' to skip.");
                        }
                        skipped++;
                        continue;
                    }
                    if (n < seen + i) {
                        System.arraycopy(values, (seen + i) * width, values, n * width, width);
                    }
                    if (rawLabels != null) {
                        rawLabels[n] = lbl;
                    }
                    n++;
                }
                seen += count;
                Arrays.fill(rows, 0, count, null);
                Arrays.fill(lists, 0, count, null);
                exec.checkCanceled();
                exec.setProgress(seen / (double) size, "Reading row " + seen + " of " + size);
            }
        }
        if (n == 0) {
            throw new InvalidSettingsException("All " + size + " rows have missing values: nothing to learn from.");
        }
        float[] kept = n == size ? values : Arrays.copyOf(values, n * width);
        List<String> labelValues = List.of();
        int[] classes = null;
        if (rawLabels != null) {
            labelValues = LabelColumn.ordered(new HashSet<>(List.of(Arrays.copyOf(rawLabels, n))));
            classes = new int[n];
            for (int i = 0; i < n; i++) {
                classes[i] = labelValues.indexOf(rawLabels[i]);
            }
        }
        return new Result(new TrainingData(kept, n, width, classes), in, new ArrayList<>(labelValues), skipped);
    }

    /**
     * Converts rows[0 … count) into values at their table positions (first + i), each row's outcome into status
     * (and errors). Converting 784 cell objects per row is bound by memory latency, so the rows are split over the
     * cores (one part on the calling thread); no part reads shared state or touches the table's storage.
     */
    private static void convert(InputColumns in, DataRow[] rows, DataCell[] lists, int count, float[] values,
        int first, byte[] status, InvalidSettingsException[] errors) {
        int width = in.width();
        int parts = Math.max(1, Math.min(EngineWorkers.threadCount(), count / MIN_ROWS_PER_PART));
        EngineWorkers.forEachPart(parts, p -> {
            for (int i = count * p / parts; i < count * (p + 1) / parts; i++) {
                try {
                    status[i] = in.read(rows[i], lists[i], values, (first + i) * width) ? COMPLETE : MISSING;
                } catch (InvalidSettingsException e) {
                    status[i] = FAILED;
                    errors[i] = e;
                }
            }
        });
    }

    /** The input with its width (list length, or image size) taken from the first row that has a list or image. */
    private static InputColumns learnWidth(BufferedDataTable table, InputColumns input)
        throws InvalidSettingsException {
        try (CloseableRowIterator rows = table.iterator()) {
            while (rows.hasNext()) {
                InputColumns learned = input.learnedFrom(rows.next());
                if (learned != null) {
                    return learned;
                }
            }
        }
        throw new InvalidSettingsException("Every row's input list or image is missing or empty: nothing to learn"
            + " from.");
    }
}
