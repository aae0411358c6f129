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
        return new DataTableSpec[] {layout(MnistSource.of(settings)).spec()};
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        MnistSource source = MnistSource.of(settings);
        MnistTableLayout layout = layout(source);
        exec.setMessage("Reading images");
        int limit = settings.maxRows.getIntValue();
        MnistDataset data;
        ExecutionMonitor loading = exec.createSubProgress(0.5);
        try {
            data = source.load(limit == MnistReaderSettings.MAX_ROWS_ALL ? IdxReader.ALL : limit,
                (file, done, total) -> loading.setProgress(done / (double) Math.max(1, total),
                    () -> String.format("Downloading %s: %,d of %,d bytes", file, done, total)),
                Cancellation.of(exec));
        } catch (DownloadCancelledException e) {
            throw new CanceledExecutionException(e.getMessage());
        } catch (IOException e) {
            // the engine's messages name the file and say what was expected; don't bury them in a trace
            throw new IOException("Could not read the digits: " + e.getMessage(), e);
        }
        BufferedDataContainer out = exec.createDataContainer(layout.spec());
        ExecutionMonitor writing = exec.createSubProgress(0.5);
        int n = data.size();
        for (int i = 0; i < n; i++) {
            out.addRowToTable(layout.row(data, i));
            if (i % 256 == 0) {
                exec.checkCanceled();
                final int done = i;
                writing.setProgress(i / (double) n, () -> "Row " + done + " of " + n);
            }
        }
        out.close();
        return new BufferedDataTable[] {out.getTable()};
    }

    private MnistTableLayout layout(MnistSource source) throws InvalidSettingsException {
        return new MnistTableLayout(source.shape(), settings.imageColumn.getBooleanValue(),
            settings.pixelOutput.value(), settings.scaleToUnit.getBooleanValue(), settings.rowIdPrefix.getStringValue());
    }

    @Override
    protected NodeSettingsGroup settingsGroup() {
        return settings;
    }
}
