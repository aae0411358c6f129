package org.vaenodes.knime.nodes.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.vaenodes.knime.data.InputDataException;
import org.vaenodes.knime.data.MissingValueRows;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.SettingsNodeModel;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.model.Encoding;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.render.ImageSheets;
import org.vaenodes.knime.data.InputColumns;
import org.vaenodes.knime.data.LabelColumn;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;

/**
 * VAE Encoder: appends each row's latent code (μ, optionally log σ² and a sampled z), its −ELBO, its reconstruction
 * log-probability (anomaly score) and its reconstruction image. Rows are encoded in chunks of {@value #CHUNK} so
 * memory stays bounded however large the table is.
 */
final class VaeEncoderNodeModel extends SettingsNodeModel {

    /** Rows encoded per engine call. */
    static final int CHUNK = Vae.CHUNK_ROWS;

    /** Progress share of encoding; the rest is KNIME's check of the row keys while joining the new columns. */
    private static final double ENCODING_SHARE = 0.95;

    private final VaeEncoderSettings settings = new VaeEncoderSettings();

    VaeEncoderNodeModel() {
        super(new PortType[] {VaeModelPortObject.TYPE, BufferedDataTable.TYPE}, new PortType[] {BufferedDataTable.TYPE});
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.checkConsistent();
        VaeModelPortObjectSpec model = VaeModelPortObjectSpec.require(inSpecs[0]);
        DataTableSpec table = (DataTableSpec) inSpecs[1];
        if (table == null) {
            throw new InvalidSettingsException("No input table: connect the table to encode.");
        }
        Bound bound = bind(model, table);
        return new PortObjectSpec[] {bound.layout.spec(table)};
    }

    /** Input columns, label column and output layout for one model and table; configure-time errors. */
    private record Bound(InputColumns input, LabelColumn label, EncoderLayout layout) {
    }

    private Bound bind(VaeModelPortObjectSpec model, DataTableSpec table)
        throws InvalidSettingsException {
        InputColumns input = InputColumns.forModel(table, model.input(), model.imageShape());
        LabelColumn label = null;
        if (model.isConditional()) {
            String name = model.input().labelColumn();
            try {
                label = LabelColumn.of(table, name);
            } catch (InvalidSettingsException e) {
                throw new InvalidSettingsException("The model is a conditional VAE and needs the label column '" + name
                    + "' it was trained with (labels " + model.input().labelValues() + "): " + e.getMessage(), e);
            }
        }
        boolean image = settings.reconstructionImage.getBooleanValue();
        if (image && model.knowsImageShape() && !model.isImage()) {
            throw new InvalidSettingsException("The reconstruction image (" + VaeEncoderSettings.CFG_RECONSTRUCTION_IMAGE
                + ") needs a model trained on images, but this model's inputs have no image shape; switch the"
                + " option off.");
        }
        EncoderLayout layout = new EncoderLayout(model.latentSize(), settings.zLogVar.getBooleanValue(),
            settings.zSample.getBooleanValue(), settings.negElbo.getBooleanValue(),
            settings.anomalyScore.getBooleanValue(), image);
        return new Bound(input, label, layout);
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        VaeModelPortObject model = VaeModelPortObject.atInput(inObjects[0]);
        VaeModelPortObjectSpec spec = model.getSpec();
        BufferedDataTable table = (BufferedDataTable) inObjects[1];
        Bound bound = bind(spec, table.getDataTableSpec());
        Vae vae = model.network(bound.input.width());
        // the new columns go into a table of their own, joined to the input without copying its rows
        BufferedDataContainer out = exec.createDataContainer(bound.layout.appendedSpec(table.getDataTableSpec()));
        Chunk chunk = new Chunk(spec, bound, table.getDataTableSpec(), vae);
        long total = table.size();
        long done = 0;
        for (DataRow row : table) {
            exec.checkCanceled();
            chunk.add(row);
            if (chunk.isFull()) {
                done += chunk.flush(out);
                final long d = done;
                exec.setProgress(ENCODING_SHARE * d / total, () -> "Encoded " + d + " of " + total + " rows");
            }
        }
        chunk.flush(out);
        out.close();
        return new PortObject[] {exec.createJoinedTable(table, out.getTable(),
            exec.createSubProgress(1 - ENCODING_SHARE))};
    }

    /** Up to {@value #CHUNK} rows waiting to be encoded together. */
    private final class Chunk {
        private final Bound bound;
        private final DataTableSpec tableSpec;
        private final Vae vae;
        private final List<String> labelValues;
        private final int d;
        private final int latent;
        private final ImageShape imageShape;
        private final boolean failOnMissing;
        private final long seed;
        private final int anomalySamples;
        private final List<RowKey> rows = new ArrayList<>(CHUNK);
        /** For each waiting row: its index among the encodable rows, or −1 if it has a missing value. */
        private final int[] slot = new int[CHUNK];
        private final float[] x;
        private final int[] labels;
        private int valid;
        private int number;

        Chunk(VaeModelPortObjectSpec spec, Bound bound, DataTableSpec tableSpec, Vae vae)
            throws InvalidSettingsException {
            this.bound = bound;
            this.tableSpec = tableSpec;
            this.vae = vae;
            this.labelValues = spec.input().labelValues();
            this.d = bound.input.width();
            this.latent = spec.latentSize();
            this.imageShape = spec.imageShape();
            this.failOnMissing = settings.missingValues.value() == MissingValueRows.FAIL;
            this.seed = settings.seed.getIntValue();
            this.anomalySamples = settings.anomalySamples.getIntValue();
            this.x = new float[CHUNK * d];
            this.labels = bound.label == null ? null : new int[CHUNK];
        }

        boolean isFull() {
            return rows.size() == CHUNK;
        }

        void add(DataRow row) throws InputDataException {
            boolean ok = bound.input.read(row, x, valid * d);
            if (!ok && failOnMissing) {
                throw new InputDataException("Row '" + row.getKey().getString() + "' has a missing value in "
                    + missingColumn(row) + ". Remove or fill such rows (e.g. with the Missing Value"
                    + " node), or set '" + VaeEncoderSettings.CFG_MISSING_VALUES + "' to '"
                    + MissingValueRows.OUTPUT_MISSING.id() + "' to output missing cells for them.");
            }
            if (ok && bound.label != null) {
                if (bound.label.valueOf(row) == null && !failOnMissing) {
                    ok = false;
                } else {
                    labels[valid] = bound.label.classOf(row, labelValues); // names the row if unknown or missing
                }
            }
            slot[rows.size()] = ok ? valid++ : -1;
            rows.add(row.getKey());
        }

        /** Names the input column holding the row's (first) missing value. */
        private String missingColumn(DataRow row) {
            for (int idx : bound.input.columnIndices()) {
                if (row.getCell(idx).isMissing()) {
                    return "input column '" + tableSpec.getColumnSpec(idx).getName() + "'";
                }
            }
            return "the list in column '" + bound.input.firstColumn(tableSpec).getName() + "'";
        }

        /** Encodes the waiting rows, writes them out and empties the chunk; returns the number of rows written. */
        int flush(BufferedDataContainer out) {
            int n = rows.size();
            if (n == 0) {
                return 0;
            }
            EncoderLayout layout = bound.layout;
            float[] xs = valid == CHUNK ? x : Arrays.copyOf(x, valid * d);
            int[] ls = labels == null ? null : Arrays.copyOf(labels, valid);
            Encoding enc = null;
            float[] z = null;
            double[] negElbo = null;
            double[] logProb = null;
            float[] recon = null;
            if (valid > 0) {
                enc = vae.encode(xs, valid, ls);
                if (layout.sample()) {
                    z = vae.sampleZ(enc, streamSeed(0));
                }
                if (layout.negElbo()) {
                    negElbo = vae.evaluate(xs, valid, ls, streamSeed(1)).negElbo();
                }
                if (layout.anomaly()) {
                    logProb = vae.reconstructionLogProbability(xs, valid, ls, anomalySamples, streamSeed(2));
                }
                if (layout.image()) {
                    recon = vae.decode(enc.mu(), valid, ls);
                }
            }
            int width = layout.width();
            for (int i = 0; i < n; i++) {
                List<DataCell> cells = new ArrayList<>(width);
                int k = slot[i];
                if (k < 0) {
                    for (int c = 0; c < width; c++) {
                        cells.add(DataType.getMissingCell());
                    }
                } else {
                    addLatent(cells, enc.mu(), k);
                    if (layout.logVar()) {
                        addLatent(cells, enc.logVar(), k);
                    }
                    if (layout.sample()) {
                        addLatent(cells, z, k);
                    }
                    if (layout.negElbo()) {
                        cells.add(new DoubleCell(negElbo[k]));
                    }
                    if (layout.anomaly()) {
                        cells.add(new DoubleCell(logProb[k]));
                    }
                    if (layout.image()) {
                        byte[] png = ImageSheets.imagePng(recon, k * d, imageShape, 1, false);
                        cells.add(new PNGImageContent(png).toImageCell());
                    }
                }
                out.addRowToTable(new DefaultRow(rows.get(i), cells));
            }
            rows.clear();
            valid = 0;
            number++;
            return n;
        }

        private void addLatent(List<DataCell> cells, float[] values, int k) {
            for (int j = 0; j < latent; j++) {
                cells.add(new DoubleCell(values[k * latent + j]));
            }
        }

        /** The seed of one use (0 z sample, 1 −ELBO, 2 anomaly score) in this chunk. */
        private long streamSeed(int stream) {
            return Vae.chunkSeed(seed, number, stream);
        }
    }

    @Override
    protected NodeSettingsGroup settingsGroup() {
        return settings;
    }
}
