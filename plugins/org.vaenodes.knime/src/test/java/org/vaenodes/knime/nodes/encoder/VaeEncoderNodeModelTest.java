package org.vaenodes.knime.nodes.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.vaenodes.knime.data.InputDataException;
import org.vaenodes.engine.model.Encoding;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;
import org.vaenodes.knime.testing.TestModels;
import org.vaenodes.shim.harness.NodeHarness;
import org.vaenodes.shim.harness.ShimAccess;

/** The VAE Encoder through the shim's node harness, on really trained models. */
class VaeEncoderNodeModelTest {

    private NodeHarness<VaeEncoderNodeModel> node;

    @BeforeEach
    void create() {
        node = NodeHarness.of(VaeEncoderNodeFactory.class);
    }

    @AfterEach
    void noLoggedErrors() {
        assertEquals(List.of(), node.loggedErrors(), "the node logged errors or coding problems");
        node.close();
    }

    private void set(Object... keyValues) throws InvalidSettingsException {
        node.applySettings(keyValues);
    }

    private BufferedDataTable run(VaeModelPortObject model, BufferedDataTable table) throws Exception {
        return (BufferedDataTable) node.execute(model, table)[0];
    }

    private void allOptionsOn() throws InvalidSettingsException {
        set(VaeEncoderSettings.CFG_Z_LOGVAR, true, VaeEncoderSettings.CFG_Z_SAMPLE, true,
            VaeEncoderSettings.CFG_NEG_ELBO, true, VaeEncoderSettings.CFG_ANOMALY_SCORE, true,
            VaeEncoderSettings.CFG_RECONSTRUCTION_IMAGE, true);
    }

    private static String configureError(NodeHarness<?> h, VaeModelPortObjectSpec model, DataTableSpec table) {
        return assertThrows(InvalidSettingsException.class, () -> h.configure(model, table)).getMessage();
    }

    private static double value(DataRow row, DataTableSpec spec, String column) {
        return ((DoubleValue) row.getCell(spec.findColumnIndex(column))).getDoubleValue();
    }

    // ------------------------------------------------------------------------------------------------ configure

    @Test
    void configureAppendsTheLatentMeansAndTheChosenColumns() throws Exception {
        VaeModelPortObjectSpec model = TestModels.unconditional().getSpec();
        DataTableSpec in = TestModels.digitSpec(true, false);
        DataTableSpec out = (DataTableSpec) node.configure(model, in)[0];
        assertArrayEquals(new String[] {"Label", "Pixels", "z_mean_0", "z_mean_1"}, out.getColumnNames());

        allOptionsOn();
        out = (DataTableSpec) node.configure(model, in)[0];
        assertArrayEquals(new String[] {"Label", "Pixels", "z_mean_0", "z_mean_1", "z_logvar_0", "z_logvar_1",
            "z_sample_0", "z_sample_1", "neg_elbo", "recon_log_prob", "Reconstruction"}, out.getColumnNames());
        assertEquals(DoubleCell.TYPE, out.getColumnSpec("z_sample_1").getType());
        assertEquals(PNGImageContent.TYPE, out.getColumnSpec("Reconstruction").getType());

        // before the learner has run its spec knows less (no image shape, no list length): configure still works
        DataTableSpec early = (DataTableSpec) node.configure(TestModels.untrainedSpec(model), in)[0];
        assertEquals(out, early);
    }

    @Test
    void existingColumnNamesGetASuffix() throws Exception {
        DataTableSpec in = new DataTableSpec(TestModels.digitSpec(false, false),
            new DataTableSpec(new DataColumnSpecCreator("z_mean_0", DoubleCell.TYPE).createSpec()));
        DataTableSpec out = (DataTableSpec) node.configure(TestModels.unconditional().getSpec(), in)[0];
        assertArrayEquals(new String[] {"Pixels", "z_mean_0", "z_mean_0 (#1)", "z_mean_1"}, out.getColumnNames());
    }

    @Test
    void configureNamesWhatIsMissingOrWrong() throws Exception {
        VaeModelPortObjectSpec list = TestModels.unconditional().getSpec();
        // no list column
        DataTableSpec noPixels = new DataTableSpec(new DataColumnSpecCreator("Label", IntCell.TYPE).createSpec());
        String m = configureError(node, list, noPixels);
        assertTrue(m.contains("'Pixels'") && m.contains("784"), m);
        // a list column that is not numeric
        DataTableSpec strings = new DataTableSpec(
            new DataColumnSpecCreator("Pixels", ListCell.getCollectionType(StringCell.TYPE)).createSpec());
        m = configureError(node, list, strings);
        assertTrue(m.contains("'Pixels'") && m.contains("list of numbers"), m);
        // a model trained on value columns, with one of them missing
        VaeModelPortObjectSpec cols = TestModels.onColumns(TestModels.unconditional()).getSpec();
        List<DataColumnSpec> specs = new ArrayList<>();
        TestModels.digitSpec(false, true).forEach(c -> {
            if (!c.getName().equals("pixel_300")) {
                specs.add(c);
            }
        });
        m = configureError(node, cols, new DataTableSpec(specs.toArray(DataColumnSpec[]::new)));
        assertTrue(m.contains("'pixel_300'") && m.contains("784 numeric columns"), m);
        // a conditional model needs its label column
        m = configureError(node, TestModels.conditional().getSpec(), TestModels.digitSpec(false, false));
        assertTrue(m.contains("label column 'Label'"), m);
        // the reconstruction image needs an image model
        set(VaeEncoderSettings.CFG_RECONSTRUCTION_IMAGE, true);
        m = configureError(node, TestModels.specWithImage(list, 0, 0), TestModels.digitSpec(false, false));
        assertTrue(m.contains(VaeEncoderSettings.CFG_RECONSTRUCTION_IMAGE), m);
        // nothing connected yet
        m = configureError(node, null, TestModels.digitSpec(false, false));
        assertTrue(m.contains("No VAE model"), m);
    }

    // ------------------------------------------------------------------------------------------------ execute

    @Test
    void encodesDigitsLikeTheEngineAndSeparatesClasses() throws Exception {
        allOptionsOn();
        VaeModelPortObject model = TestModels.unconditional();
        int n = 300;
        BufferedDataTable out = run(model, TestModels.digitTable(n, true, false));
        DataTableSpec spec = out.getDataTableSpec();
        assertEquals(n, out.size());

        Encoding expected = model.model().vae().encode(Arrays.copyOf(TestModels.pixels(), n * TestModels.D), n, null);
        double[][] centroid = new double[10][2];
        int[] count = new int[10];
        int i = 0;
        for (DataRow row : out) {
            assertEquals("Row" + i, row.getKey().getString());
            int label = ((IntCell) row.getCell(0)).getIntValue();
            for (int j = 0; j < 2; j++) {
                assertEquals(expected.mu()[i * 2 + j], value(row, spec, "z_mean_" + j), 1e-6);
                assertEquals(expected.logVar()[i * 2 + j], value(row, spec, "z_logvar_" + j), 1e-6);
                centroid[label][j] += value(row, spec, "z_mean_" + j);
                assertTrue(Double.isFinite(value(row, spec, "z_sample_" + j)));
            }
            count[label]++;
            double negElbo = value(row, spec, "neg_elbo");
            double logProb = value(row, spec, "recon_log_prob");
            assertTrue(negElbo > 0 && Double.isFinite(negElbo), "−ELBO " + negElbo);
            assertTrue(logProb < 0 && Double.isFinite(logProb), "log p " + logProb);
            BufferedImage rec = TestModels.image(row.getCell(spec.findColumnIndex("Reconstruction")));
            assertEquals(28, rec.getWidth());
            assertEquals(28, rec.getHeight());
            assertTrue(TestModels.greyStdDev(rec) > 10, "reconstruction of row " + i + " is blank");
            i++;
        }
        // the means of different digits lie apart: 0s and 1s are the classic pair
        double dx = centroid[0][0] / count[0] - centroid[1][0] / count[1];
        double dy = centroid[0][1] / count[0] - centroid[1][1] / count[1];
        assertTrue(Math.hypot(dx, dy) > 0.5, "centroids of 0 and 1 too close: " + Math.hypot(dx, dy));
    }

    @Test
    void numericColumnsGiveTheSameCodesAsTheListColumn() throws Exception {
        BufferedDataTable fromList = run(TestModels.unconditional(), TestModels.digitTable(20, false, false));
        BufferedDataTable fromCols =
            run(TestModels.onColumns(TestModels.unconditional()), TestModels.digitTable(20, false, true));
        var a = fromList.iterator();
        var b = fromCols.iterator();
        while (a.hasNext()) {
            DataRow ra = a.next();
            DataRow rb = b.next();
            assertEquals(ra.getCell(1), rb.getCell(TestModels.D));
            assertEquals(ra.getCell(2), rb.getCell(1 + TestModels.D));
        }
    }

    @Test
    void lowReconstructionLogProbabilityMarksAnomalies() throws Exception {
        set(VaeEncoderSettings.CFG_ANOMALY_SCORE, true, VaeEncoderSettings.CFG_ANOMALY_SAMPLES, 5);
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(TestModels.digitRow(i, false, false));
        }
        Random rnd = new Random(3);
        for (int i = 0; i < 5; i++) { // noise is unlike any digit
            List<DataCell> px = new ArrayList<>();
            for (int p = 0; p < TestModels.D; p++) {
                px.add(new DoubleCell(rnd.nextDouble()));
            }
            rows.add(new DefaultRow("Noise" + i, CollectionCellFactory.createListCell(px)));
        }
        BufferedDataTable out =
            run(TestModels.unconditional(), ShimAccess.tableOf(TestModels.digitSpec(false, false), rows));
        double worstDigit = Double.POSITIVE_INFINITY;
        double bestNoise = Double.NEGATIVE_INFINITY;
        for (DataRow row : out) {
            double score = value(row, out.getDataTableSpec(), "recon_log_prob");
            if (row.getKey().getString().startsWith("Noise")) {
                bestNoise = Math.max(bestNoise, score);
            } else {
                worstDigit = Math.min(worstDigit, score);
            }
        }
        assertTrue(bestNoise < worstDigit, "noise " + bestNoise + " should score below every digit " + worstDigit);
    }

    @Test
    void seedMakesSamplesReproducible() throws Exception {
        set(VaeEncoderSettings.CFG_Z_SAMPLE, true, VaeEncoderSettings.CFG_SEED, 5);
        BufferedDataTable in = TestModels.digitTable(10, false, false);
        DataRow a = run(TestModels.unconditional(), in).iterator().next();
        DataRow b = run(TestModels.unconditional(), in).iterator().next();
        assertEquals(a.getCell(3), b.getCell(3));
        set(VaeEncoderSettings.CFG_SEED, 6);
        DataRow c = run(TestModels.unconditional(), in).iterator().next();
        assertNotEquals(a.getCell(3), c.getCell(3));
        assertEquals(a.getCell(1), c.getCell(1), "the mean does not depend on the seed");
    }

    @Test
    void tablesLargerThanOneChunkAreEncodedCompletely() throws Exception {
        int n = VaeEncoderNodeModel.CHUNK + 76;
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DataRow r = TestModels.digitRow(i % TestModels.TRAIN_ROWS, false, false);
            rows.add(new DefaultRow("R" + i, r.getCell(0)));
        }
        set(VaeEncoderSettings.CFG_NEG_ELBO, true);
        BufferedDataTable out =
            run(TestModels.unconditional(), ShimAccess.tableOf(TestModels.digitSpec(false, false), rows));
        assertEquals(n, out.size());
        Encoding e = TestModels.unconditional().model().vae().encode(Arrays.copyOf(TestModels.pixels(),
            TestModels.D), 1, null);
        int i = 0;
        for (DataRow row : out) {
            assertEquals("R" + i, row.getKey().getString());
            if (i % TestModels.TRAIN_ROWS == 0) { // rows 0, 500, 1000 are digit 0: same code in every chunk
                assertEquals(e.mu()[0], ((DoubleCell) row.getCell(1)).getDoubleValue(), 1e-6);
            }
            assertTrue(((DoubleCell) row.getCell(3)).getDoubleValue() > 0);
            i++;
        }
    }

    @Test
    void missingValuesFailNamingTheRowOrGiveMissingCells() throws Exception {
        List<DataRow> rows = new ArrayList<>();
        rows.add(TestModels.digitRow(0, false, true));
        List<DataCell> cells = new ArrayList<>();
        TestModels.digitRow(1, false, true).forEach(cells::add);
        cells.set(17, DataType.getMissingCell());
        rows.add(new DefaultRow("Gap", cells));
        BufferedDataTable table = ShimAccess.tableOf(TestModels.digitSpec(false, true), rows);
        VaeModelPortObject model = TestModels.onColumns(TestModels.unconditional());

        InputDataException e = assertThrows(InputDataException.class, () -> run(model, table));
        assertTrue(e.getMessage().contains("'Gap'") && e.getMessage().contains("'pixel_17'"), e.getMessage());

        set(VaeEncoderSettings.CFG_MISSING_VALUES, "output-missing", VaeEncoderSettings.CFG_NEG_ELBO, true);
        BufferedDataTable out = run(model, table);
        assertEquals(2, out.size());
        var it = out.iterator();
        DataRow good = it.next();
        DataRow gap = it.next();
        int first = TestModels.D;
        assertTrue(!good.getCell(first).isMissing() && !good.getCell(first + 2).isMissing());
        for (int c = first; c < first + 3; c++) {
            assertTrue(gap.getCell(c).isMissing(), "cell " + c);
        }
    }

    @Test
    void conditionalModelReadsLabelsAndRejectsUnknownOnes() throws Exception {
        VaeModelPortObject model = TestModels.conditional();
        BufferedDataTable out = run(model, TestModels.digitTable(40, true, false));
        assertEquals(40, out.size());
        Encoding e = model.model().vae().encode(Arrays.copyOf(TestModels.pixels(), 40 * TestModels.D), 40,
            Arrays.copyOf(TestModels.labels(), 40));
        DataRow first = out.iterator().next();
        assertEquals(e.mu()[0], ((DoubleCell) first.getCell(2)).getDoubleValue(), 1e-6);

        List<DataRow> rows = new ArrayList<>();
        rows.add(TestModels.digitRow(0, true, false));
        rows.add(new DefaultRow("Odd", new IntCell(11), TestModels.digitRow(1, false, false).getCell(0)));
        BufferedDataTable bad = ShimAccess.tableOf(TestModels.digitSpec(true, false), rows);
        InputDataException ex = assertThrows(InputDataException.class, () -> run(model, bad));
        assertTrue(ex.getMessage().contains("'Odd'") && ex.getMessage().contains("'11'"), ex.getMessage());
    }

    // ------------------------------------------------------------------------------------------------ settings

    @Test
    void settingsSurviveTheXmlRoundtripAndBadValuesAreRejected() throws Exception {
        set(VaeEncoderSettings.CFG_ANOMALY_SAMPLES, 33, VaeEncoderSettings.CFG_MISSING_VALUES, "output-missing",
            VaeEncoderSettings.CFG_Z_SAMPLE, true, VaeEncoderSettings.CFG_SEED, -4);
        NodeSettingsRO back = node.roundtripSettings();
        assertEquals(33, back.getInt(VaeEncoderSettings.CFG_ANOMALY_SAMPLES));
        assertEquals("output-missing", back.getString(VaeEncoderSettings.CFG_MISSING_VALUES));
        assertEquals(-4, back.getInt(VaeEncoderSettings.CFG_SEED));
        assertTrue(back.getBoolean(VaeEncoderSettings.CFG_Z_SAMPLE));

        assertThrows(InvalidSettingsException.class, () -> set(VaeEncoderSettings.CFG_ANOMALY_SAMPLES, 0));
        assertThrows(InvalidSettingsException.class, () -> set(VaeEncoderSettings.CFG_ANOMALY_SAMPLES, 1001));
        InvalidSettingsException unknown = assertThrows(InvalidSettingsException.class,
            () -> set(VaeEncoderSettings.CFG_MISSING_VALUES, "drop"));
        assertTrue(unknown.getMessage().contains("output-missing"), unknown.getMessage());
        assertEquals(33, node.settings().getInt(VaeEncoderSettings.CFG_ANOMALY_SAMPLES));
    }

    @Test
    void dialogShowsAndSavesTheModelSettings() throws Exception {
        set(VaeEncoderSettings.CFG_ANOMALY_SAMPLES, 12, VaeEncoderSettings.CFG_NEG_ELBO, true);
        NodeSettings fromDialog = node.dialogRoundtrip(TestModels.unconditional().getSpec(),
            TestModels.digitSpec(true, false));
        assertEquals(12, fromDialog.getInt(VaeEncoderSettings.CFG_ANOMALY_SAMPLES));
        assertTrue(fromDialog.getBoolean(VaeEncoderSettings.CFG_NEG_ELBO));
        assertEquals(node.settings().keySet(), fromDialog.keySet());
    }

    @Test
    void cancelStopsExecution() throws Exception {
        BufferedDataTable table = TestModels.digitTable(50, false, false);
        assertThrows(CanceledExecutionException.class, () -> node.execute(
            ShimAccess.newExecutionContext(() -> true, (p, m) -> { }), TestModels.unconditional(), table));
    }
}
