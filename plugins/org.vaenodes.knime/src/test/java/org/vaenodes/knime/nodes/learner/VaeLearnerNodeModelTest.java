package org.vaenodes.knime.nodes.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.port.PortObject;
import org.vaenodes.knime.data.InputDataException;
import org.vaenodes.knime.nodes.reader.MnistReaderNodeFactory;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;
import org.vaenodes.shim.harness.NodeHarness;
import org.vaenodes.shim.harness.ShimAccess;

/** The VAE Learner through the shim's harness, on real digits read by the MNIST Reader node. */
class VaeLearnerNodeModelTest {

    private static BufferedDataTable digitsList;
    private static BufferedDataTable digitsColumns;

    private NodeHarness<?> node;

    @BeforeAll
    static void readDigits() throws Exception {
        digitsList = read(Map.of("max_rows", 400));
        digitsColumns = read(Map.of("max_rows", 200, "pixel_output", "columns", "image_column", false));
    }

    private static BufferedDataTable read(Map<String, Object> options) throws Exception {
        NodeHarness<?> reader = NodeHarness.of(MnistReaderNodeFactory.class);
        reader.applySettings(options.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(),
            e.getValue())).toArray());
        return (BufferedDataTable) reader.execute()[0];
    }

    @BeforeEach
    void create() {
        node = NodeHarness.of(VaeLearnerNodeFactory.class);
    }

    @AfterEach
    void noLoggedErrors() {
        assertEquals(List.of(), node.loggedErrors());
        node.close();
    }

    private void set(Object... kv) throws InvalidSettingsException {
        node.applySettings(kv);
    }

    @Test
    void trainsOnTheReadersListColumnAndReportsHistory() throws Exception {
        set(VaeLearnerSettings.CFG_EPOCHS, 3, VaeLearnerSettings.CFG_ENCODER_LAYERS, "64",
            VaeLearnerSettings.CFG_LIST_COLUMN, "Pixels");
        PortObject[] out = node.execute(digitsList);
        VaeModelPortObject model = (VaeModelPortObject) out[0];
        VaeModelPortObjectSpec spec = model.getSpec();
        assertEquals("Pixels", spec.input().listColumn());
        assertEquals(784, spec.input().listLength());
        assertEquals(2, spec.latentSize());
        assertTrue(spec.isImage() && spec.imageRows() == 28, "784 inputs are 28x28 images");
        assertEquals("CpuBackend", spec.backend());
        assertTrue(model.getSummary().contains("latent 2"), model.getSummary());

        BufferedDataTable history = (BufferedDataTable) out[1];
        assertEquals(3, history.size());
        List<Double> train = new ArrayList<>();
        for (DataRow r : history) {
            train.add(((DoubleCell) r.getCell(1)).getDoubleValue());
            assertTrue(!r.getCell(4).isMissing(), "10 % validation by default gives a validation −ELBO");
        }
        assertTrue(train.get(2) < train.get(0), "−ELBO must fall: " + train);

        Map<String, Object> fv = ShimAccess.pushedFlowVariables(node.model());
        assertEquals(train.get(2), (Double) fv.get(VaeLearnerNodeModel.FV_TRAIN_NEG_ELBO), 1e-9);
        assertEquals("CpuBackend", fv.get(VaeLearnerNodeModel.FV_BACKEND));
        assertTrue(fv.containsKey(VaeLearnerNodeModel.FV_VALIDATION_NEG_ELBO));
        assertTrue(String.valueOf(fv.get("vae_backend_reason")).length() > 0, "the learner says why this backend");
        assertTrue(fv.containsKey("vae_device"), "the learner names the device");
    }

    @Test
    void theDl4jReferenceTrainerIsSelectableAndRecorded() throws Exception {
        set(VaeLearnerSettings.CFG_EPOCHS, 2, VaeLearnerSettings.CFG_ENCODER_LAYERS, "32",
            VaeLearnerSettings.CFG_LIST_COLUMN, "Pixels", VaeLearnerSettings.CFG_TRAINER, "dl4j");
        VaeModelPortObject model = (VaeModelPortObject) node.execute(digitsList)[0];
        String trainer = model.model().provenance().trainer();
        assertTrue(trainer.startsWith("dl4j: DL4J's own training"), trainer);
        assertEquals(trainer, ShimAccess.pushedFlowVariables(node.model()).get(VaeLearnerNodeModel.FV_TRAINER));
        assertTrue(model.model().vae().isDl4jNetwork());

        set(VaeLearnerSettings.CFG_EPOCHS, 1, VaeLearnerSettings.CFG_ENCODER_LAYERS, "32",
            VaeLearnerSettings.CFG_LIST_COLUMN, "Pixels", VaeLearnerSettings.CFG_TRAINER, "fast");
        model = (VaeModelPortObject) node.execute(digitsList)[0];
        assertTrue(model.model().provenance().trainer().startsWith("fast: our CPU kernels"),
            model.model().provenance().trainer());
    }

    @Test
    void theDl4jTrainerRefusesWhatDl4jCannotTrainWhenTheSettingsAreApplied() throws Exception {
        Object[][] cases = {
            {VaeLearnerSettings.CFG_BETA, 4.0, "β is 4.0"},
            {VaeLearnerSettings.CFG_LABEL_COLUMN, "Label", "a conditional VAE"},
            {VaeLearnerSettings.CFG_ENCODER_LAYERS, "", "without hidden layers"}};
        for (Object[] c : cases) {
            // validation (dialog OK, flow variables, batch options) already refuses; configure runs the same check
            String msg = assertThrows(InvalidSettingsException.class, () -> set(VaeLearnerSettings.CFG_LIST_COLUMN,
                "Pixels", VaeLearnerSettings.CFG_TRAINER, "dl4j", c[0], c[1])).getMessage();
            assertTrue(msg.contains((String) c[2]) && msg.contains("trainer = dl4j"), msg);
        }
        NodeSettings bad = node.settings();
        bad.addString(VaeLearnerSettings.CFG_TRAINER, "tensorflow");
        assertTrue(assertThrows(InvalidSettingsException.class, () -> node.loadSettings(bad)).getMessage()
            .contains("tensorflow"));
    }

    /** A workflow saved before image input (no image_column / image_colour keys) loads and trains as before. */
    @Test
    void settingsSavedBeforeImageInputLoadWithTheirDefaults() throws Exception {
        NodeSettingsRO saved;
        try (java.io.InputStream in = getClass().getResourceAsStream("settings-before-image-input.xml")) {
            saved = NodeSettings.loadFromXML(in).getNodeSettings("model");
        }
        assertTrue(!saved.containsKey(VaeLearnerSettings.CFG_IMAGE_COLUMN));
        node.loadSettings(saved);
        NodeSettings now = node.settings();
        assertEquals("", now.getString(VaeLearnerSettings.CFG_IMAGE_COLUMN));
        assertEquals("rgb", now.getString(VaeLearnerSettings.CFG_IMAGE_COLOUR));
        assertEquals("Pixels", now.getString(VaeLearnerSettings.CFG_LIST_COLUMN));
        set(VaeLearnerSettings.CFG_EPOCHS, 1, VaeLearnerSettings.CFG_ENCODER_LAYERS, "32");
        assertEquals(784, ((VaeModelPortObject) node.execute(digitsList)[0]).getSpec().input().listLength());
    }

    @Test
    void sameSeedSameModel() throws Exception {
        set(VaeLearnerSettings.CFG_EPOCHS, 1, VaeLearnerSettings.CFG_ENCODER_LAYERS, "32",
            VaeLearnerSettings.CFG_LIST_COLUMN, "Pixels", VaeLearnerSettings.CFG_SEED, 5);
        float[] a = ((VaeModelPortObject) node.execute(digitsList)[0]).model().vae().parameters();
        float[] b = ((VaeModelPortObject) node.execute(digitsList)[0]).model().vae().parameters();
        assertTrue(java.util.Arrays.equals(a, b), "same data, settings and seed must give identical weights");
    }

    @Test
    void listColumnIsChosenAutomaticallyWithAWarning() throws Exception {
        set(VaeLearnerSettings.CFG_EPOCHS, 1, VaeLearnerSettings.CFG_ENCODER_LAYERS, "16");
        node.configure(digitsList.getDataTableSpec());
        assertTrue(node.warningMessage().contains("'Pixels'"), node.warningMessage());
    }

    @Test
    void conditionalOnTheLabelColumn() throws Exception {
        set(VaeLearnerSettings.CFG_EPOCHS, 1, VaeLearnerSettings.CFG_ENCODER_LAYERS, "32",
            VaeLearnerSettings.CFG_LIST_COLUMN, "Pixels", VaeLearnerSettings.CFG_LABEL_COLUMN, "Label");
        VaeModelPortObjectSpec configured = (VaeModelPortObjectSpec) node.configure(digitsList.getDataTableSpec())[0];
        assertTrue(configured.whyNotDl4j().contains("conditional"),
            "the spec says at configure time that DL4J model files cannot hold it");
        VaeModelPortObjectSpec spec = ((VaeModelPortObject) node.execute(digitsList)[0]).getSpec();
        assertTrue(spec.isConditional());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), spec.input().labelValues());
    }

    @Test
    void numericColumnsFromTheColumnFilter() throws Exception {
        set(VaeLearnerSettings.CFG_EPOCHS, 1, VaeLearnerSettings.CFG_ENCODER_LAYERS, "16",
            VaeLearnerSettings.CFG_INPUT_MODE, "columns", VaeLearnerSettings.CFG_LABEL_COLUMN, "Label");
        VaeModelPortObjectSpec spec = ((VaeModelPortObject) node.execute(digitsColumns)[0]).getSpec();
        // the filter offers every numeric column; the (integer) label column is left out because it is the label
        assertEquals(784, spec.input().columnNames().size());
        assertEquals("pixel_0", spec.input().columnNames().get(0));
        assertTrue(spec.isImage());
    }

    @Test
    void rawPixelsWithBernoulliFailClearly() throws Exception {
        BufferedDataTable raw = read(Map.of("max_rows", 20, "scale_to_unit", false));
        set(VaeLearnerSettings.CFG_EPOCHS, 1, VaeLearnerSettings.CFG_LIST_COLUMN, "Pixels");
        InputDataException e = assertThrows(InputDataException.class, () -> node.execute(raw));
        assertTrue(e.getMessage().contains("[0, 1]") && e.getMessage().contains("gaussian"), e.getMessage());
    }

    @Test
    void missingValuesFailNamingTheRowOrAreSkipped() throws Exception {
        DataTableSpec spec = new DataTableSpec(new String[] {"a", "b"}, new DataType[] {DoubleCell.TYPE, DoubleCell.TYPE});
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            DataCell b = i == 7 ? DataType.getMissingCell() : new DoubleCell((i % 5) / 5.0);
            rows.add(new DefaultRow("r" + i, new DoubleCell((i % 3) / 3.0), b));
        }
        BufferedDataTable table = ShimAccess.tableOf(spec, rows);
        set(VaeLearnerSettings.CFG_EPOCHS, 1, VaeLearnerSettings.CFG_INPUT_MODE, "columns",
            VaeLearnerSettings.CFG_ENCODER_LAYERS, "4", VaeLearnerSettings.CFG_LIKELIHOOD, "gaussian");
        InputDataException e = assertThrows(InputDataException.class, () -> node.execute(table));
        assertTrue(e.getMessage().contains("'r7'"), e.getMessage());

        set(VaeLearnerSettings.CFG_MISSING, "skip");
        node.execute(table);
        assertTrue(node.warningMessage().contains("Skipped 1 row"), node.warningMessage());
    }

    @Test
    void configureRejectsTablesWithoutUsableInput() throws Exception {
        DataTableSpec onlyLabels = new DataTableSpec(new String[] {"Label"}, new DataType[] {IntCell.TYPE});
        InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> node.configure(onlyLabels));
        assertTrue(e.getMessage().contains("list"), e.getMessage());

        set(VaeLearnerSettings.CFG_LIST_COLUMN, "Nope");
        e = assertThrows(InvalidSettingsException.class, () -> node.configure(digitsList.getDataTableSpec()));
        assertTrue(e.getMessage().contains("'Nope'"), e.getMessage());

        set(VaeLearnerSettings.CFG_LIST_COLUMN, "Pixels", VaeLearnerSettings.CFG_LABEL_COLUMN, "Missing");
        e = assertThrows(InvalidSettingsException.class, () -> node.configure(digitsList.getDataTableSpec()));
        assertTrue(e.getMessage().contains("'Missing'"), e.getMessage());
    }

    @Test
    void settingsRoundtripAndValidation() throws Exception {
        set(VaeLearnerSettings.CFG_ENCODER_LAYERS, "256,128", VaeLearnerSettings.CFG_LATENT_SIZE, 16,
            VaeLearnerSettings.CFG_BETA, 4.0, VaeLearnerSettings.CFG_ACTIVATION, "elu");
        NodeSettingsRO back = node.roundtripSettings();
        assertEquals("256,128", back.getString(VaeLearnerSettings.CFG_ENCODER_LAYERS));
        assertEquals(16, back.getInt(VaeLearnerSettings.CFG_LATENT_SIZE));

        InvalidSettingsException layers = assertThrows(InvalidSettingsException.class,
            () -> set(VaeLearnerSettings.CFG_ENCODER_LAYERS, "400,abc"));
        assertTrue(layers.getMessage().contains("encoder_layers") && layers.getMessage().contains("abc"),
            layers.getMessage());
        assertThrows(InvalidSettingsException.class, () -> set(VaeLearnerSettings.CFG_LATENT_SIZE, 0));
        assertThrows(InvalidSettingsException.class, () -> set(VaeLearnerSettings.CFG_LEARNING_RATE, 0.0));
        assertThrows(InvalidSettingsException.class, () -> set(VaeLearnerSettings.CFG_VALIDATION_PERCENT, 95.0));
        assertThrows(InvalidSettingsException.class, () -> set(VaeLearnerSettings.CFG_ACTIVATION, "swish"));
        assertEquals(16, node.settings().getInt(VaeLearnerSettings.CFG_LATENT_SIZE), "rejected settings change nothing");
        // binarization applies to the Bernoulli likelihood only: with the Gaussian one it is not used, not refused
        set(VaeLearnerSettings.CFG_LIKELIHOOD, "gaussian", VaeLearnerSettings.CFG_BINARIZE, true);
    }

    @Test
    void dialogRoundtrip() throws Exception {
        set(VaeLearnerSettings.CFG_EPOCHS, 7, VaeLearnerSettings.CFG_LIST_COLUMN, "Pixels");
        NodeSettings d = node.dialogRoundtrip(digitsList.getDataTableSpec());
        assertEquals(7, d.getInt(VaeLearnerSettings.CFG_EPOCHS));
        assertEquals("Pixels", d.getString(VaeLearnerSettings.CFG_LIST_COLUMN));
    }

    @Test
    void cancelStopsTrainingWithinABatch() throws Exception {
        set(VaeLearnerSettings.CFG_EPOCHS, 50, VaeLearnerSettings.CFG_LIST_COLUMN, "Pixels");
        // cancel as soon as the first training batch reports its progress ("Epoch 1/50, batch 1/…")
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicInteger batchesAfterCancel = new AtomicInteger();
        CanceledExecutionException e = assertThrows(CanceledExecutionException.class, () -> node.execute(
            ShimAccess.newExecutionContext(cancel::get, (p, m) -> {
                if (m != null && m.startsWith("Epoch ")) {
                    if (cancel.get()) {
                        batchesAfterCancel.incrementAndGet();
                    }
                    cancel.set(true);
                }
            }), digitsList));
        // the training (not the table reading) was cancelled, before its next batch
        assertTrue(e.getMessage() != null && e.getMessage().startsWith("Training cancelled"), e.getMessage());
        assertTrue(e.getMessage().contains("epoch 1, batch 2 of"), e.getMessage());
        assertEquals(0, batchesAfterCancel.get(), "batches trained after the cancel");
    }
}
