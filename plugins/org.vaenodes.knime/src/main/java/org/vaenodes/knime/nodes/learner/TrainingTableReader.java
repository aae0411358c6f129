package org.vaenodes.knime.nodes.learner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.workflow.NodeContext;
import org.vaenodes.engine.concurrent.EngineWorkers;
import org.vaenodes.engine.train.RowFile;
import org.vaenodes.engine.train.TrainingData;
import org.vaenodes.engine.train.TrainingMemory;
import org.vaenodes.engine.train.TrainingRows;
import org.vaenodes.engine.train.ValueRange;
import org.vaenodes.knime.data.InputColumns;
import org.vaenodes.knime.data.InputDataException;
import org.vaenodes.knime.data.LabelColumn;

/**
 * Turns the learner's input table into the engine's training rows, with the class index of each row for a
 * conditional VAE and a count of rows skipped for missing values. Rows that fit the heap budget
 * ({@link TrainingMemory#fitsInHeap}) become one float32 array; larger tables are written row by row to a temporary
 * {@link RowFile} (KNIME's tables can only be read front to back; training reads its chunks in shuffled order),
 * deleted when the result is closed.
 */
final class TrainingTableReader {

    /** What was read: the rows, the input layout (its width now known) and the label values. Close it when done. */
    record Result(TrainingRows data, InputColumns input, List<String> labelValues, int skippedRows)
        implements AutoCloseable {

        /** Whether the rows are in a temporary file rather than in memory. */
        boolean onDisk() {
            return data instanceof RowFile;
        }

        @Override
        public void close() throws IOException {
            if (data instanceof RowFile file) {
                file.close();
                Files.deleteIfExists(file.path());
            }
        }
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

    /**
     * Where converted rows go. Each chunk of table rows is converted into {@link #array()} from row
     * {@link #firstRow(long)} on (the chunk's rows in table order); then each complete row is {@link #keep kept}.
     */
    private interface RowTarget {
        float[] array();

        /** Where in {@link #array()} the chunk starting at table row {@code seen} is converted to. */
        int firstRow(long seen);

        /** Keeps the complete row converted at {@code row} of {@link #array()}, with its label (or null). */
        void keep(int row, String label) throws IOException;
    }

    static Result read(BufferedDataTable table, InputColumns input, LabelColumn label, boolean skipMissing,
        ExecutionMonitor exec) throws InvalidSettingsException, InputDataException, CanceledExecutionException, IOException {
        long size = table.size();
        if (size == 0) {
            throw new InputDataException("The input table is empty: the VAE needs rows to learn from.");
        }
        InputColumns in = input.width() > 0 ? input : learnWidth(table, input);
        int width = in.width();
        if (size > Integer.MAX_VALUE - 8) {
            throw new InputDataException("Too many rows for one training run: " + size + " (at most "
                + (Integer.MAX_VALUE - 8) + "). Sample fewer rows (e.g. with a Row Sampler).");
        }
        if (TrainingMemory.fitsInHeap(size, width)) {
            return inMemory(table, in, label, skipMissing, exec);
        }
        return onDisk(table, in, label, skipMissing, exec);
    }

    private static Result inMemory(BufferedDataTable table, InputColumns in, LabelColumn label, boolean skipMissing,
        ExecutionMonitor exec) throws InvalidSettingsException, InputDataException, CanceledExecutionException, IOException {
        int size = (int) table.size();
        int width = in.width();
        float[] values = new float[size * width];
        String[] rawLabels = label == null ? null : new String[size];
        int[] n = {0};
        // each row is converted at its table position; rows after a skipped one move up
        RowsRead read = readRows(table, in, label, skipMissing, exec, new RowTarget() {
            @Override
            public float[] array() {
                return values;
            }

            @Override
            public int firstRow(long seen) {
                return (int) seen;
            }

            @Override
            public void keep(int row, String lbl) {
                if (n[0] < row) {
                    System.arraycopy(values, row * width, values, n[0] * width, width);
                }
                if (rawLabels != null) {
                    rawLabels[n[0]] = lbl;
                }
                n[0]++;
            }
        });
        int rows = n[0];
        float[] kept = rows == size ? values : Arrays.copyOf(values, rows * width);
        List<String> labelValues = List.of();
        int[] classes = null;
        if (rawLabels != null) {
            labelValues = LabelColumn.ordered(new HashSet<>(List.of(Arrays.copyOf(rawLabels, rows))));
            classes = new int[rows];
            for (int i = 0; i < rows; i++) {
                classes[i] = labelValues.indexOf(rawLabels[i]);
            }
        }
        return new Result(new TrainingData(kept, rows, width, classes, read.range()), in, new ArrayList<>(labelValues),
            read.skipped());
    }

    private static Result onDisk(BufferedDataTable table, InputColumns in, LabelColumn label, boolean skipMissing,
        ExecutionMonitor exec) throws InvalidSettingsException, InputDataException, CanceledExecutionException, IOException {
        // class indices are written with each row, so the labels' order must be known first: one pass over them
        List<String> labelValues = label == null ? List.of() : labelValues(table, label);
        Path file = Files.createTempFile("vae-nodes-training-", ".rows");
        boolean done = false;
        try {
            int skipped;
            float[] chunk = new float[CHUNK_ROWS * in.width()];
            java.util.Map<String, Integer> classOf = new java.util.HashMap<>();
            for (int c = 0; c < labelValues.size(); c++) {
                classOf.put(labelValues.get(c), c);
            }
            try (RowFile.Writer writer = new RowFile.Writer(file, in.width(), label != null)) {
                skipped = readRows(table, in, label, skipMissing, exec, new RowTarget() {
                    @Override
                    public float[] array() {
                        return chunk;
                    }

                    @Override
                    public int firstRow(long seen) {
                        return 0;
                    }

                    @Override
                    public void keep(int row, String lbl) throws IOException {
                        writer.append(chunk, row * in.width(), lbl == null ? 0 : classOf.get(lbl));
                    }
                }).skipped();
            }
            Result result = new Result(RowFile.open(file), in, new ArrayList<>(labelValues), skipped);
            done = true;
            return result;
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static List<String> labelValues(BufferedDataTable table, LabelColumn label) {
        Set<String> values = new HashSet<>();
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                String v = label.valueOf(it.next());
                if (v != null) {
                    values.add(v);
                }
            }
        }
        return LabelColumn.ordered(values);
    }

    /**
     * What {@link #readRows} saw: the rows skipped for missing values and the range of the values of the rows
     * without (measured while they were converted; rows then skipped for a missing label count too).
     */
    private record RowsRead(int skipped, ValueRange range) {
    }

    /** Reads every row and hands the complete ones to {@code target} in table order. */
    private static RowsRead readRows(BufferedDataTable table, InputColumns in, LabelColumn label, boolean skipMissing,
        ExecutionMonitor exec, RowTarget target) throws InvalidSettingsException, InputDataException, CanceledExecutionException,
        IOException {
        long size = table.size();
        int kept = 0;
        int skipped = 0;
        long seen = 0;
        ValueRange range = ValueRange.EMPTY;
        DataRow[] rows = new DataRow[CHUNK_ROWS];
        DataCell[] lists = new DataCell[CHUNK_ROWS];
        byte[] status = new byte[CHUNK_ROWS];
        InputDataException[] errors = new InputDataException[CHUNK_ROWS];
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                int count = 0;
                while (count < CHUNK_ROWS && it.hasNext()) {
                    rows[count] = it.next();
                    lists[count] = in.listCell(rows[count]);
                    count++;
                }
                int first = target.firstRow(seen);
                range = range.union(convert(in, rows, lists, count, target.array(), first, status, errors));
                for (int i = 0; i < count; i++) {
                    DataRow row = rows[i];
                    if (status[i] == FAILED) {
                        throw errors[i];
                    }
                    boolean complete = status[i] == COMPLETE;
                    String lbl = label == null ? null : label.valueOf(row);
                    if (!complete || (label != null && lbl == null)) {
                        if (!skipMissing) {
                            throw new InputDataException("Row '" + row.getKey().getString() + "' has a missing "
                                + (complete ? "label" : "input value") + ". Remove such rows (Missing Value node) or "
                                + "set '" + VaeLearnerSettings.CFG_MISSING + "' to skip.");
                        }
                        skipped++;
                        continue;
                    }
                    target.keep(first + i, lbl);
                    kept++;
                }
                seen += count;
                Arrays.fill(rows, 0, count, null);
                Arrays.fill(lists, 0, count, null);
                exec.checkCanceled();
                exec.setProgress(seen / (double) size, "Reading row " + seen + " of " + size);
            }
        }
        if (kept == 0) {
            throw new InputDataException("All " + size + " rows have missing values: nothing to learn from.");
        }
        return new RowsRead(skipped, range);
    }

    /**
     * Converts rows[0 … count) into values (row i at (first + i) × width), each row's outcome into status (and
     * errors); returns the range of the complete rows' values, measured while they are still in the cache.
     * Converting 784 cell objects (or decoding a PNG) per row is bound by memory latency or the CPU, so the rows are
     * split over the cores (one part on the calling thread); no part reads shared state or touches the table's
     * storage.
     */
    private static ValueRange convert(InputColumns in, DataRow[] rows, DataCell[] lists, int count, float[] values,
        int first, byte[] status, InputDataException[] errors) {
        int width = in.width();
        int parts = Math.max(1, Math.min(EngineWorkers.threadCount(), count / MIN_ROWS_PER_PART));
        ValueRange[] ranges = new ValueRange[parts];
        // the workers read KNIME cells (list elements, PNG bytes): they do it in the node's context, as KNIME asks
        NodeContext context = NodeContext.getContext();
        EngineWorkers.forEachPart(parts, p -> {
            if (context != null) {
                NodeContext.pushContext(context);
            }
            try {
                ValueRange range = ValueRange.EMPTY;
                for (int i = count * p / parts; i < count * (p + 1) / parts; i++) {
                    int at = (first + i) * width;
                    try {
                        status[i] = in.read(rows[i], lists[i], values, at) ? COMPLETE : MISSING;
                    } catch (InputDataException e) {
                        status[i] = FAILED;
                        errors[i] = e;
                    }
                    if (status[i] == COMPLETE) {
                        range = range.union(ValueRange.of(values, at, at + width));
                    }
                }
                ranges[p] = range;
            } finally {
                if (context != null) {
                    NodeContext.removeLastContext();
                }
            }
        });
        ValueRange all = ValueRange.EMPTY;
        for (ValueRange r : ranges) {
            all = all.union(r);
        }
        return all;
    }

    /** The input with its width (list length, or image size) taken from the first row that has a list or image. */
    private static InputColumns learnWidth(BufferedDataTable table, InputColumns input)
        throws InputDataException {
        try (CloseableRowIterator rows = table.iterator()) {
            while (rows.hasNext()) {
                InputColumns learned = input.learnedFrom(rows.next());
                if (learned != null) {
                    return learned;
                }
            }
        }
        throw new InputDataException("Every row's input list or image is missing or empty: nothing to learn"
            + " from.");
    }
}
