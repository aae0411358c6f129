package org.vaenodes.knime.nodes.decoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.collection.ListDataValue;
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
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;
import org.vaenodes.knime.testing.TestModels;
import org.vaenodes.shim.harness.NodeHarness;
import org.vaenodes.shim.harness.ShimAccess;

/** The VAE Decoder/Sampler through the shim's node harness, on really trained models. */
class VaeDecoderNodeModelTest {

    private NodeHarness<VaeDecoderNodeModel> node;

    @BeforeEach
    void create() {
        node = NodeHarness.of(VaeDecoderNodeFactory.class);
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

    private static double d(DataCell c) {
        return ((DoubleCell) c).getDoubleValue();
    }

    /** A table of latent codes as the VAE Encoder writes them: an ID column, z_mean_0/1 and a z_logvar_0. */
    private static BufferedDataTable codes(double[][] z, boolean withLabel, int label) {
        List<DataColumnSpec> cols = new ArrayList<>();
        cols.add(new DataColumnSpecCreator("Name", StringCell.TYPE).createSpec());
        if (withLabel) {
            cols.add(new DataColumnSpecCreator("Label", IntCell.TYPE).createSpec());
        }
        cols.add(new DataColumnSpecCreator("z_mean_0", DoubleCell.TYPE).createSpec());
        cols.add(new DataColumnSpecCreator("z_mean_1", DoubleCell.TYPE).createSpec());
        cols.add(new DataColumnSpecCreator("z_logvar_0", DoubleCell.TYPE).createSpec());
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < z.length; i++) {
            List<DataCell> cells = new ArrayList<>();
            cells.add(new StringCell("code " + i));
            if (withLabel) {
                cells.add(new IntCell(label));
            }
            cells.add(Double.isNaN(z[i][0]) ? DataType.getMissingCell() : new DoubleCell(z[i][0]));
            cells.add(new DoubleCell(z[i][1]));
            cells.add(new DoubleCell(-1));
            rows.add(new DefaultRow("C" + i, cells));
        }
        return ShimAccess.tableOf(new DataTableSpec(cols.toArray(DataColumnSpec[]::new)), rows);
    }

    private static float[] pixels(DataRow row, int listIndex) {
        ListDataValue list = (ListDataValue) row.getCell(listIndex);
        float[] v = new float[list.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) d(list.get(i));
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------------ configure

    @Test
    void configureDescribesTheOutput() throws Exception {
        VaeModelPortObjectSpec model = TestModels.unconditional().getSpec();
        DataTableSpec out = (DataTableSpec) node.configure(model, null)[0];
        assertArrayEquals(new String[] {"z_0", "z_1", "Image", "Pixels"}, out.getColumnNames());
        assertEquals(ListCell.getCollectionType(DoubleCell.TYPE), out.getColumnSpec("Pixels").getType());
        assertEquals(PNGImageContent.TYPE, out.getColumnSpec("Image").getType());

        out = (DataTableSpec) node.configure(TestModels.conditional().getSpec(), null)[0];
        assertArrayEquals(new String[] {"z_0", "z_1", "Label", "Image", "Pixels"}, out.getColumnNames());
        assertEquals(IntCell.TYPE, out.getColumnSpec("Label").getType());

        set(VaeDecoderSettings.CFG_PIXEL_OUTPUT, "columns", VaeDecoderSettings.CFG_IMAGE_COLUMN, false);
        out = (DataTableSpec) node.configure(model, null)[0];
        assertEquals(2 + TestModels.D, out.getNumColumns());
        assertEquals("pixel_783", out.getColumnSpec(out.getNumColumns() - 1).getName());

        // a model trained on value columns decodes into columns of the same names
        List<String> names = java.util.stream.IntStream.range(0, TestModels.D).mapToObj(p -> "v" + p).toList();
        VaeModelPortObjectSpec onValues = TestModels.withInput(TestModels.unconditional(),
            org.vaenodes.engine.spec.InputDescription.ofColumns(names)).getSpec();
        out = (DataTableSpec) node.configure(onValues, null)[0];
        assertEquals("v0", out.getColumnSpec(2).getName());
        assertEquals("v783", out.getColumnSpec(out.getNumColumns() - 1).getName());

        set(VaeDecoderSettings.CFG_PIXEL_OUTPUT, "none", VaeDecoderSettings.CFG_IMAGE_COLUMN, true);
        out = (DataTableSpec) node.configure(TestModels.specWithImage(model, 0, 0), null)[0];
        assertArrayEquals(new String[] {"z_0", "z_1"}, out.getColumnNames(), "no image for a model without images");

        // before the learner has run, the output cannot be known yet: no spec, but no error either
        set(VaeDecoderSettings.CFG_SAMPLE_LABELS, "one", VaeDecoderSettings.CFG_LABEL, "7");
        assertNull(node.configure(TestModels.untrainedSpec(TestModels.conditional().getSpec()), null)[0]);
    }

    @Test
    void decodeModeFindsTheLatentColumnsOrSaysWhatIsWrong() throws Exception {
        VaeModelPortObjectSpec model = TestModels.unconditional().getSpec();
        set(VaeDecoderSettings.CFG_MODE, "decode");
        String m = assertThrows(InvalidSettingsException.class, () -> node.configure(model, null)).getMessage();
        assertTrue(m.contains("'decode'") && m.contains("table"), m);

        DataTableSpec codes = codes(new double[][] {{0, 0}}, false, 0).getDataTableSpec();
        assertNotNull(node.configure(model, codes)[0]);

        // the 1-D model needs exactly one column: the prefix finds two
        m = assertThrows(InvalidSettingsException.class,
            () -> node.configure(TestModels.oneDimensional().getSpec(), codes)).getMessage();
        assertTrue(m.contains("1 latent dimension") && m.contains("2 columns") && m.contains("z_mean_1"), m);

        set(VaeDecoderSettings.CFG_Z_COLUMNS, "z_mean_0, z_nope");
        m = assertThrows(InvalidSettingsException.class, () -> node.configure(model, codes)).getMessage();
        assertTrue(m.contains("'z_nope'"), m);

        set(VaeDecoderSettings.CFG_Z_COLUMNS, "z_mean_0,Name");
        m = assertThrows(InvalidSettingsException.class, () -> node.configure(model, codes)).getMessage();
        assertTrue(m.contains("'Name'") && m.contains("numeric"), m);

        set(VaeDecoderSettings.CFG_Z_COLUMNS, "z_sample_");
        m = assertThrows(InvalidSettingsException.class, () -> node.configure(model, codes)).getMessage();
        assertTrue(m.contains("z_sample_0") && m.contains("z_mean_0"), m);

        set(VaeDecoderSettings.CFG_Z_COLUMNS, "z_mean_0, z_logvar_0");
        assertNotNull(node.configure(model, codes)[0]);

        // no names: KNIME's column filter decides, by default every numeric column — here three for two dimensions
        set(VaeDecoderSettings.CFG_Z_COLUMNS, "");
        m = assertThrows(InvalidSettingsException.class, () -> node.configure(model, codes)).getMessage();
        assertTrue(m.contains("column filter") && m.contains("3 columns") && m.contains("z_logvar_0"), m);
    }

    @Test
    void unknownLabelIsAConfigureError() throws Exception {
        set(VaeDecoderSettings.CFG_SAMPLE_LABELS, "one", VaeDecoderSettings.CFG_LABEL, "seven");
        String m = assertThrows(InvalidSettingsException.class,
            () -> node.configure(TestModels.conditional().getSpec(), null)).getMessage();
        assertTrue(m.contains("'seven'") && m.contains("[0, 1, 2"), m);
    }

    // ------------------------------------------------------------------------------------------------ execute

    @Test
    void samplesAreDrawnFromThePriorLikeTheEngineDoes() throws Exception {
        set(VaeDecoderSettings.CFG_SAMPLE_COUNT, 30, VaeDecoderSettings.CFG_SEED, 9);
        VaeModelPortObject model = TestModels.unconditional();
        BufferedDataTable out = run(model, null);
        assertEquals(30, out.size());
        float[] expected = model.model().vae().samplePrior(30, 9, null);
        int i = 0;
        for (DataRow row : out) {
            assertEquals("Sample" + i, row.getKey().getString());
            float[] px = pixels(row, 3);
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, i * 784, (i + 1) * 784), px, 1e-6f);
            BufferedImage img = TestModels.image(row.getCell(2));
            assertEquals(28, img.getWidth());
            assertEquals(28, img.getHeight());
            assertTrue(TestModels.greyStdDev(img) > 10, "sample " + i + " is blank");
            i++;
        }
        // same seed, same samples; the chunked drawing matches Vae.samplePrior also across chunks
        set(VaeDecoderSettings.CFG_SAMPLE_COUNT, VaeDecoderNodeModel.CHUNK + 3, VaeDecoderSettings.CFG_PIXEL_OUTPUT,
            "none", VaeDecoderSettings.CFG_IMAGE_COLUMN, false);
        BufferedDataTable big = run(model, null);
        assertEquals(VaeDecoderNodeModel.CHUNK + 3, big.size());
        java.util.Random rnd = new java.util.Random(9);
        for (DataRow row : big) {
            assertEquals((float) rnd.nextGaussian(), (float) d(row.getCell(0)), 0f);
            assertEquals((float) rnd.nextGaussian(), (float) d(row.getCell(1)), 0f);
        }
    }

    @Test
    void conditionalSamplingCoversAllLabelsOrOne() throws Exception {
        VaeModelPortObject model = TestModels.conditional();
        set(VaeDecoderSettings.CFG_SAMPLE_COUNT, 4);
        BufferedDataTable all = run(model, null);
        assertEquals(40, all.size());
        int i = 0;
        for (DataRow row : all) {
            assertEquals(i / 4, ((IntCell) row.getCell(2)).getIntValue());
            i++;
        }
        set(VaeDecoderSettings.CFG_SAMPLE_LABELS, "one", VaeDecoderSettings.CFG_LABEL, "7");
        BufferedDataTable sevens = run(model, null);
        assertEquals(4, sevens.size());
        float[] expected = model.model().vae().samplePrior(4, 1, new int[] {7, 7, 7, 7});
        i = 0;
        for (DataRow row : sevens) {
            assertEquals(7, ((IntCell) row.getCell(2)).getIntValue());
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, i * 784, (i + 1) * 784), pixels(row, 4), 1e-6f);
            i++;
        }
    }

    @Test
    void decodesTheLatentColumnsOfATable() throws Exception {
        VaeModelPortObject model = TestModels.unconditional();
        double[][] z = {{0, 0}, {2, -1}, {-1.5, 0.5}};
        set(VaeDecoderSettings.CFG_MODE, "decode");
        BufferedDataTable out = run(model, codes(z, false, 0));
        assertEquals(3, out.size());
        float[] flat = {0, 0, 2, -1, -1.5f, 0.5f};
        float[] expected = model.model().vae().decode(flat, 3, null);
        int i = 0;
        for (DataRow row : out) {
            assertEquals("C" + i, row.getKey().getString());
            assertEquals(z[i][0], d(row.getCell(0)), 1e-6);
            assertEquals(z[i][1], d(row.getCell(1)), 1e-6);
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, i * 784, (i + 1) * 784), pixels(row, 3), 1e-6f);
            i++;
        }
        assertEquals(null, node.warningMessage());

        // a column list sets the order
        set(VaeDecoderSettings.CFG_Z_COLUMNS, "z_mean_1, z_mean_0");
        DataRow swapped = run(model, codes(z, false, 0)).iterator().next();
        assertEquals(z[0][1], d(swapped.getCell(0)), 1e-6);

        // no names: the columns of the column filter (by default every numeric one), in table order
        set(VaeDecoderSettings.CFG_Z_COLUMNS, "");
        DataTableSpec twoNumeric = new DataTableSpec(new DataColumnSpecCreator("Name", StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator("u", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("v", DoubleCell.TYPE).createSpec());
        List<DataRow> rows = new ArrayList<>();
        for (int r = 0; r < z.length; r++) {
            rows.add(new DefaultRow("C" + r, new StringCell("code " + r), new DoubleCell(z[r][0]),
                new DoubleCell(z[r][1])));
        }
        int r = 0;
        for (DataRow row : run(model, ShimAccess.tableOf(twoNumeric, rows))) {
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, r * 784, (r + 1) * 784), pixels(row, 3), 1e-6f);
            r++;
        }
    }

    @Test
    void conditionalDecodeUsesTheLabelColumnOrTheChosenLabel() throws Exception {
        VaeModelPortObject model = TestModels.conditional();
        double[][] z = {{0.5, -0.5}};
        float[] flat = {0.5f, -0.5f};
        set(VaeDecoderSettings.CFG_MODE, "decode", VaeDecoderSettings.CFG_LABEL, "2");
        DataRow fromColumn = run(model, codes(z, true, 4)).iterator().next();
        assertEquals(4, ((IntCell) fromColumn.getCell(2)).getIntValue());
        assertArrayEquals(model.model().vae().decode(flat, 1, new int[] {4}), pixels(fromColumn, 4), 1e-6f);

        DataRow fixed = run(model, codes(z, false, 0)).iterator().next();
        assertEquals(2, ((IntCell) fixed.getCell(2)).getIntValue());
        assertArrayEquals(model.model().vae().decode(flat, 1, new int[] {2}), pixels(fixed, 4), 1e-6f);

        InputDataException e =
            assertThrows(InputDataException.class, () -> run(model, codes(z, true, 12)));
        assertTrue(e.getMessage().contains("'C0'") && e.getMessage().contains("'12'"), e.getMessage());
    }

    @Test
    void missingLatentValuesFailNamingTheRowOrGiveMissingCells() throws Exception {
        double[][] z = {{0, 0}, {Double.NaN, 1}};
        set(VaeDecoderSettings.CFG_MODE, "decode");
        InputDataException e = assertThrows(InputDataException.class,
            () -> run(TestModels.unconditional(), codes(z, false, 0)));
        assertTrue(e.getMessage().contains("'C1'") && e.getMessage().contains("'z_mean_0'"), e.getMessage());

        set(VaeDecoderSettings.CFG_MISSING_VALUES, "output-missing");
        BufferedDataTable out = run(TestModels.unconditional(), codes(z, false, 0));
        var it = out.iterator();
        assertTrue(!it.next().getCell(3).isMissing());
        DataRow gap = it.next();
        assertEquals("C1", gap.getKey().getString());
        assertTrue(gap.getCell(0).isMissing() && gap.getCell(3).isMissing());
    }

    @Test
    void aConnectedTableIsIgnoredWithAWarningWhenSampling() throws Exception {
        set(VaeDecoderSettings.CFG_SAMPLE_COUNT, 2);
        BufferedDataTable out = run(TestModels.unconditional(), codes(new double[][] {{0, 0}}, false, 0));
        assertEquals(2, out.size());
        assertTrue(node.warningMessage() != null && node.warningMessage().contains("not used"),
            node.warningMessage());
    }

    // ------------------------------------------------------------------------------------------------ settings

    @Test
    void settingsSurviveTheXmlRoundtripAndBadValuesAreRejected() throws Exception {
        set(VaeDecoderSettings.CFG_MODE, "decode", VaeDecoderSettings.CFG_Z_COLUMNS, "a,b",
            VaeDecoderSettings.CFG_SAMPLE_COUNT, 17, VaeDecoderSettings.CFG_PIXEL_OUTPUT, "columns");
        NodeSettingsRO back = node.roundtripSettings();
        assertEquals("decode", back.getString(VaeDecoderSettings.CFG_MODE));
        assertEquals("a,b", back.getString(VaeDecoderSettings.CFG_Z_COLUMNS));
        assertEquals(17, back.getInt(VaeDecoderSettings.CFG_SAMPLE_COUNT));
        assertEquals("columns", back.getString(VaeDecoderSettings.CFG_PIXEL_OUTPUT));

        assertThrows(InvalidSettingsException.class, () -> set(VaeDecoderSettings.CFG_SAMPLE_COUNT, 0));
        assertThrows(InvalidSettingsException.class, () -> set(VaeDecoderSettings.CFG_SAMPLE_COUNT, 1_000_001));
        InvalidSettingsException unknown =
            assertThrows(InvalidSettingsException.class, () -> set(VaeDecoderSettings.CFG_MODE, "dream"));
        assertTrue(unknown.getMessage().contains("sample, decode"), unknown.getMessage());
        assertThrows(InvalidSettingsException.class, () -> set(VaeDecoderSettings.CFG_SAMPLE_LABELS, "some"));
        set(VaeDecoderSettings.CFG_Z_COLUMNS, " "); // no names: the column filter chooses
        assertEquals(17, node.settings().getInt(VaeDecoderSettings.CFG_SAMPLE_COUNT));
    }

    @Test
    void dialogShowsAndSavesTheModelSettings() throws Exception {
        set(VaeDecoderSettings.CFG_SAMPLE_COUNT, 64, VaeDecoderSettings.CFG_Z_COLUMNS, "z_sample_");
        NodeSettings fromDialog = node.dialogRoundtrip(TestModels.unconditional().getSpec(), null);
        assertEquals(64, fromDialog.getInt(VaeDecoderSettings.CFG_SAMPLE_COUNT));
        assertEquals("z_sample_", fromDialog.getString(VaeDecoderSettings.CFG_Z_COLUMNS));
        assertEquals(node.settings().keySet(), fromDialog.keySet());
    }

    @Test
    void cancelStopsExecution() throws Exception {
        set(VaeDecoderSettings.CFG_SAMPLE_COUNT, 5000);
        assertThrows(CanceledExecutionException.class, () -> node.execute(
            ShimAccess.newExecutionContext(() -> true, (p, m) -> { }), TestModels.unconditional(), null));
    }
}
