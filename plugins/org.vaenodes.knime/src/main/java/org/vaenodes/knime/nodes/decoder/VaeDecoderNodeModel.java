package org.vaenodes.knime.nodes.decoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.RowKey;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.vaenodes.knime.data.InputDataException;
import org.vaenodes.knime.data.MissingValueRows;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.SettingsNodeModel;
import org.vaenodes.engine.model.PriorDraws;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.knime.data.LabelColumn;
import org.vaenodes.knime.nodes.decoder.VaeDecoderSettings.Mode;
import org.vaenodes.knime.nodes.decoder.VaeDecoderSettings.SampleLabels;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;

/**
 * VAE Decoder/Sampler: decodes latent codes from a table, or draws them from the prior N(0, I), and outputs the
 * codes with the decoded images and values. Works in chunks of {@value #CHUNK} rows.
 */
final class VaeDecoderNodeModel extends SettingsNodeModel {

    /** Rows decoded per engine call. */
    static final int CHUNK = Vae.CHUNK_ROWS;

    private final VaeDecoderSettings settings = new VaeDecoderSettings();

    VaeDecoderNodeModel() {
        super(new PortType[] {VaeModelPortObject.TYPE, BufferedDataTable.TYPE_OPTIONAL},
            new PortType[] {BufferedDataTable.TYPE});
    }

    /** Everything configure and execute resolve from the settings, the model and the optional table. */
    private record Plan(Mode mode, DecoderLayout layout, int[] zColumns, LabelColumn labelColumn, int fixedClass,
        int[] sampleClasses) {
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.checkConsistent();
        VaeModelPortObjectSpec model = VaeModelPortObjectSpec.require(inSpecs[0]);
        Plan plan = plan(model, (DataTableSpec) inSpecs[1]);
        if (plan.mode == Mode.SAMPLE && inSpecs[1] != null) {
            setWarningMessage("The input table is not used in mode 'sample'; set '" + VaeDecoderSettings.CFG_MODE
                + "' to 'decode' to decode its latent columns.");
        }
        return new PortObjectSpec[] {plan.layout == null ? null : plan.layout.spec()};
    }

    /**
     * Resolves everything the model spec allows. Before training, a spec may not know the values per row (then the
     * layout may stay unknown, null) or the label values (then the label checks wait and the classes stay −1/null);
     * a trained model's spec knows both.
     */
    private Plan plan(VaeModelPortObjectSpec model, DataTableSpec table) throws InvalidSettingsException {
        Mode mode = settings.mode.value();
        boolean labelsKnown = model.knowsLabels();
        DecoderLayout layout = DecoderLayout.of(model, settings.imageColumn.getBooleanValue(),
            settings.pixelOutput.value());
        if (mode == Mode.DECODE) {
            if (table == null) {
                throw new InvalidSettingsException("Mode 'decode' needs a table with latent columns at the second"
                    + " input; connect one, or set '" + VaeDecoderSettings.CFG_MODE + "' to 'sample'.");
            }
            int[] z = LatentColumns.resolve(table, settings.zColumns.getStringValue(), settings.latentColumns,
                model.latentSize());
            LabelColumn label = null;
            int fixed = -1;
            if (model.isConditional()) {
                String name = model.input().labelColumn();
                if (table.containsName(name)) {
                    label = LabelColumn.of(table, name);
                } else if (labelsKnown) {
                    fixed = model.classOfLabelSetting(settings.label.getStringValue(), VaeDecoderSettings.CFG_LABEL);
                }
            }
            return new Plan(mode, layout, z, label, fixed, null);
        }
        int[] classes = null;
        if (model.isConditional() && labelsKnown) {
            if (settings.sampleLabels.value() == SampleLabels.ALL) {
                classes = new int[model.input().labelValues().size()];
                Arrays.setAll(classes, i -> i);
            } else {
                classes = new int[] {
                    model.classOfLabelSetting(settings.label.getStringValue(), VaeDecoderSettings.CFG_LABEL)};
            }
            long total = (long) classes.length * settings.sampleCount.getIntValue();
            if (total > Integer.MAX_VALUE - 8) {
                throw new InvalidSettingsException(settings.sampleCount.getIntValue() + " samples for each of "
                    + classes.length + " labels are too many; lower '" + VaeDecoderSettings.CFG_SAMPLE_COUNT + "'.");
            }
        }
        return new Plan(mode, layout, null, null, -1, classes);
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        VaeModelPortObject model = VaeModelPortObject.atInput(inObjects[0]);
        VaeModelPortObjectSpec spec = model.getSpec();
        BufferedDataTable table = (BufferedDataTable) inObjects[1];
        Plan plan = plan(spec, table == null ? null : table.getDataTableSpec());
        if (plan.mode == Mode.SAMPLE && table != null) {
            setWarningMessage("The input table is not used in mode 'sample'.");
        }
        if (plan.layout == null) {
            throw new InvalidSettingsException("The VAE model does not say how many values it decodes per row.");
        }
        Vae vae = model.network(plan.layout.width());
        BufferedDataContainer out = exec.createDataContainer(plan.layout.spec());
        if (plan.mode == Mode.DECODE) {
            decodeTable(vae, spec, plan, table, out, exec);
        } else {
            sample(vae, spec, plan, out, exec);
        }
        out.close();
        return new PortObject[] {out.getTable()};
    }

    private void sample(Vae vae, VaeModelPortObjectSpec spec, Plan plan, BufferedDataContainer out,
        ExecutionContext exec) throws CanceledExecutionException {
        int perLabel = settings.sampleCount.getIntValue();
        int total = plan.sampleClasses == null ? perLabel : perLabel * plan.sampleClasses.length;
        PriorDraws prior = new PriorDraws(settings.seed.getIntValue(), spec.latentSize());
        for (int from = 0; from < total; from += CHUNK) {
            exec.checkCanceled();
            int n = Math.min(CHUNK, total - from);
            float[] z = prior.next(n);
            int[] classes = null;
            if (plan.sampleClasses != null) {
                classes = new int[n];
                for (int i = 0; i < n; i++) {
                    classes[i] = plan.sampleClasses[(from + i) / perLabel];
                }
            }
            float[] decoded = vae.decode(z, n, classes);
            for (int i = 0; i < n; i++) {
                out.addRowToTable(plan.layout.row(new RowKey("Sample" + (from + i)), z, classes, decoded, i));
            }
            final int done = from + n;
            exec.setProgress(done / (double) total, () -> "Sampled " + done + " of " + total);
        }
    }

    private void decodeTable(Vae vae, VaeModelPortObjectSpec spec, Plan plan, BufferedDataTable table,
        BufferedDataContainer out, ExecutionContext exec)
        throws InvalidSettingsException, InputDataException, CanceledExecutionException {
        boolean fail = settings.missingValues.value() == MissingValueRows.FAIL;
        List<String> labelValues = spec.input().labelValues();
        DataTableSpec in = table.getDataTableSpec();
        int l = spec.latentSize();
        List<DataRow> rows = new ArrayList<>(CHUNK);
        int[] slot = new int[CHUNK];
        float[] z = new float[CHUNK * l];
        int[] classes = spec.isConditional() ? new int[CHUNK] : null;
        int valid = 0;
        long total = table.size();
        long done = 0;
        for (DataRow row : table) {
            exec.checkCanceled();
            boolean ok = true;
            for (int j = 0; j < l && ok; j++) {
                DataCell c = row.getCell(plan.zColumns[j]);
                if (c.isMissing()) {
                    if (fail) {
                        throw new InputDataException("Row '" + row.getKey().getString() + "' has a missing value"
                            + " in latent column '" + in.getColumnSpec(plan.zColumns[j]).getName() + "'. Remove or"
                            + " fill such rows, or set '" + VaeDecoderSettings.CFG_MISSING_VALUES + "' to '"
                            + MissingValueRows.OUTPUT_MISSING.id() + "'.");
                    }
                    ok = false;
                } else {
                    z[valid * l + j] = (float) ((DoubleValue) c).getDoubleValue();
                }
            }
            if (ok && classes != null) {
                if (plan.labelColumn == null) {
                    classes[valid] = plan.fixedClass;
                } else if (plan.labelColumn.valueOf(row) == null && !fail) {
                    ok = false;
                } else {
                    classes[valid] = plan.labelColumn.classOf(row, labelValues); // names the row if unknown
                }
            }
            slot[rows.size()] = ok ? valid++ : -1;
            rows.add(row);
            if (rows.size() == CHUNK) {
                done += flush(vae, plan, rows, slot, z, classes, valid, out);
                valid = 0;
                final long d = done;
                exec.setProgress(d / (double) total, () -> "Decoded " + d + " of " + total + " rows");
            }
        }
        flush(vae, plan, rows, slot, z, classes, valid, out);
    }

    private static int flush(Vae vae, Plan plan, List<DataRow> rows, int[] slot, float[] z, int[] classes, int valid,
        BufferedDataContainer out) {
        int n = rows.size();
        int l = z.length / CHUNK;
        float[] zs = Arrays.copyOf(z, valid * l);
        int[] cs = classes == null ? null : Arrays.copyOf(classes, valid);
        float[] decoded = valid == 0 ? null : vae.decode(zs, valid, cs);
        for (int i = 0; i < n; i++) {
            RowKey key = rows.get(i).getKey();
            out.addRowToTable(slot[i] < 0 ? plan.layout.missingRow(key)
                : plan.layout.row(key, zs, cs, decoded, slot[i]));
        }
        rows.clear();
        return n;
    }

    @Override
    protected NodeSettingsGroup settingsGroup() {
        return settings;
    }
}
