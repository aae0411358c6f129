package org.vaenodes.knime.nodes.reader;

import java.io.IOException;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.SettingsNodeModel;
import org.vaenodes.engine.data.IdxReader;
import org.vaenodes.engine.data.MnistDataset;
import org.vaenodes.engine.download.DownloadCancelledException;
import org.vaenodes.knime.util.Cancellation;

/** MNIST Reader: reads digits (built-in sample or IDX files) into a table of label, image and pixels. */
final class MnistReaderNodeModel extends SettingsNodeModel {

    private final MnistReaderSettings settings = new MnistReaderSettings();

    MnistReaderNodeModel() {
        super(0, 1);
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        settings.checkConsistent();
        MnistSource source = MnistSource.of(settings);
        MnistSource.Shape shape = source.shape();
        checkSelection(shape.hasLabels(), shape.count());
        return new DataTableSpec[] {layout(shape).spec()};
    }

    /**
     * The label filter needs labels, and the first row must be an image of the source ({@code count}:
     * {@link MnistSource.Shape#UNKNOWN} when it is not known yet).
     */
    private void checkSelection(boolean hasLabels, int count) throws InvalidSettingsException {
        LabelFilter filter = settings.labelFilter();
        if (!filter.keepsAll() && !hasLabels) {
            throw new InvalidSettingsException("Labels to keep (" + MnistReaderSettings.CFG_LABELS + ") is '"
                + settings.labels.getStringValue() + "' but the source has no labels: choose a labels file, or "
                + "leave the labels to keep empty.");
        }
        int first = settings.firstRow.getIntValue();
        if (first > 0 && count != MnistSource.Shape.UNKNOWN && first >= count) {
            throw new InvalidSettingsException(String.format("First row (%s) is %,d but the source holds only %,d "
                + "images (indices 0 to %,d): choose a first row below %,d.", MnistReaderSettings.CFG_FIRST_ROW,
                first, count, count - 1, count));
        }
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        MnistSource source = MnistSource.of(settings);
        MnistSource.Shape shape = source.shape();
        checkSelection(shape.hasLabels(), shape.count());
        MnistTableLayout layout = layout(shape);
        LabelFilter filter = settings.labelFilter();
        exec.setMessage("Reading images");
        int first = settings.firstRow.getIntValue();
        int max = settings.maxRows.getIntValue();
        // images before the first row are read and dropped: the IDX formats can only be read from the start
        long end = max == MnistReaderSettings.MAX_ROWS_ALL ? IdxReader.ALL : Math.min((long) first + max,
            IdxReader.ALL);
        MnistDataset data;
        ExecutionMonitor loading = exec.createSubProgress(0.5);
        try {
            data = source.load((int) end,
                (file, done, total) -> loading.setProgress(done / (double) Math.max(1, total),
                    () -> String.format("Downloading %s: %,d of %,d bytes", file, done, total)),
                Cancellation.of(exec));
        } catch (DownloadCancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (IOException e) {
            // the engine's messages name the file and say what was expected; don't bury them in a trace
            throw new IOException("Could not read the digits: " + e.getMessage(), e);
        }
        int n = data.size();
        // fewer images than asked for means the whole source was read: n is its size (a download's, say)
        checkSelection(data.hasLabels(), n < end ? n : MnistSource.Shape.UNKNOWN);
        BufferedDataContainer out = exec.createDataContainer(layout.spec());
        ExecutionMonitor writing = exec.createSubProgress(0.5);
        long kept = 0;
        for (int i = first; i < n; i++) {
            // row i of the data is image i of the source, and the layout names its row after i
            if (filter.keepsAll() || filter.keeps(data.label(i))) {
                out.addRowToTable(layout.row(data, i));
                kept++;
            }
            if ((i - first) % 256 == 0) {
                exec.checkCanceled();
                final int done = i - first;
                final int total = n - first;
                writing.setProgress(done / (double) total, () -> "Row " + done + " of " + total);
            }
        }
        out.close();
        if (kept == 0 && n > first && !filter.keepsAll()) {
            setWarningMessage(String.format("No image among the %,d read (indices %,d to %,d) has a label in '%s'.",
                n - first, first, n - 1, settings.labels.getStringValue()));
        }
        return new BufferedDataTable[] {out.getTable()};
    }

    private MnistTableLayout layout(MnistSource.Shape shape) throws InvalidSettingsException {
        return new MnistTableLayout(shape, settings.imageColumn.getBooleanValue(),
            settings.pixelOutput.value(), settings.scaleToUnit.getBooleanValue(), settings.rowIdPrefix.getStringValue());
    }

    @Override
    protected NodeSettingsGroup settingsGroup() {
        return settings;
    }
}
