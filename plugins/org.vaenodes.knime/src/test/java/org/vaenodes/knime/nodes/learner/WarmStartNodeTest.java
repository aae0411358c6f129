package org.vaenodes.knime.nodes.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObjectSpec;
import org.vaenodes.engine.model.Provenance;
import org.vaenodes.knime.nodes.averager.VaeModelAveragerNodeFactory;
import org.vaenodes.knime.nodes.modelio.VaeModelReaderNodeFactory;
import org.vaenodes.knime.nodes.reader.MnistReaderNodeFactory;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;
import org.vaenodes.shim.harness.NodeHarness;

/**
 * The Learner's optional model input (warm start) and the VAE Model Averager, through the shim's harness on digits
 * read by the MNIST Reader node: training goes on from the model, conflicting settings are refused at configure naming
 * both values, and averaged models train on.
 */
class WarmStartNodeTest {

    private static BufferedDataTable digits;
    private static BufferedDataTable moreDigits;
    private static VaeModelPortObject start;

    @BeforeAll
    static void trainAStart() throws Exception {
        digits = read(0);
        moreDigits = read(400);
        start = learn(digits, null, 2, "latent_size", 4);
    }

    private static BufferedDataTable read(int firstRow) throws Exception {
        NodeHarness<?> reader = NodeHarness.of(MnistReaderNodeFactory.class);
        reader.applySettings("max_rows", 400, "first_row", firstRow);
        return (BufferedDataTable) reader.execute()[0];
    }

    /** A Learner with 64 hidden units, the given settings and, if given, a starting model. */
    private static VaeModelPortObject learn(BufferedDataTable table, VaeModelPortObject from, int epochs,
        Object... settings) throws Exception {
        NodeHarness<?> learner = learner(epochs, settings);
        try {
            return (VaeModelPortObject) (from == null ? learner.execute(table) : learner.execute(table, from))[0];
        } finally {
            learner.close();
        }
    }

    private static NodeHarness<?> learner(int epochs, Object... settings) throws InvalidSettingsException {
        NodeHarness<?> learner = NodeHarness.of(VaeLearnerNodeFactory.class);
        learner.applySettings("epochs", epochs, "encoder_layers", "64", "list_column", "Pixels");
        learner.applySettings(settings);
        return learner;
    }

    private static double lastTrainNegElbo(BufferedDataTable history) {
        DataRow last = null;
        for (DataRow r : history) {
            last = r;
        }
        return ((DoubleCell) last.getCell(1)).getDoubleValue();
    }

    @Test
    void trainingContinuesFromTheConnectedModelWithItsArchitecture() throws Exception {
        // the Learner's own architecture settings (latent 2, 400 units by default) are not used
        NodeHarness<?> learner = NodeHarness.of(VaeLearnerNodeFactory.class);
        learner.applySettings("epochs", 2, "list_column", "Pixels");
        PortObjectSpec[] specs = learner.configure(digits.getDataTableSpec(), start.getSpec());
        assertEquals(4, ((VaeModelPortObjectSpec) specs[0]).latentSize(), "configure promises the model's latent size");
        var out = learner.execute(moreDigits, start);
        VaeModelPortObject tuned = (VaeModelPortObject) out[0];
        learner.close();
        assertEquals(start.model().config(), tuned.model().config(), "architecture kept");
        String from = tuned.model().provenance().startedFrom();
        assertTrue(from.startsWith("model ") && from.contains("trained on 400 rows"), from);
        assertNotEquals(Provenance.FROM_SCRATCH, from);
        assertEquals(start.getSpec().input(), tuned.getSpec().input());

        // from the start the first epoch is already far below a fresh network's first epoch
        NodeHarness<?> fresh = learner(1, "latent_size", 4);
        double freshFirst = lastTrainNegElbo((BufferedDataTable) fresh.execute(moreDigits)[1]);
        fresh.close();
        NodeHarness<?> warm = learner(1);
        double warmFirst = lastTrainNegElbo((BufferedDataTable) warm.execute(moreDigits, start)[1]);
        warm.close();
        assertTrue(warmFirst < freshFirst - 10, "warm " + warmFirst + " vs fresh " + freshFirst);
    }

    @Test
    void settingsThatConflictWithTheModelAreRefusedAtConfigureNamingBoth() throws Exception {
        String e = configureError("list_column", "Other");
        assertTrue(e.contains("list_column is 'Other'") && e.contains("'Pixels'"), e);
        e = configureError("input_mode", "columns");
        assertTrue(e.contains("input_mode is columns") && e.contains("list column 'Pixels'"), e);
        e = configureError("label_column", "Label");
        assertTrue(e.contains("label_column is 'Label'") && e.contains("is not conditioned on a label"), e);
        e = configureError("trainer", "dl4j", "label_column", "");
        assertTrue(e.isEmpty(), "DL4J's trainer can train this unconditional model: " + e);
    }

    private static String configureError(Object... settings) throws InvalidSettingsException {
        NodeHarness<?> learner = learner(1, settings);
        try {
            learner.configure(digits.getDataTableSpec(), start.getSpec());
            return "";
        } catch (InvalidSettingsException e) {
            return e.getMessage();
        } finally {
            learner.close();
        }
    }

    @Test
    void aVaeSavedByDl4jItselfIsFineTunedThroughTheModelReader() throws Exception {
        NodeHarness<?> reader = NodeHarness.of(VaeModelReaderNodeFactory.class);
        reader.applySettings("file", java.nio.file.Path.of("../../testflows/05_dl4j_model_files/data/dl4j-vae.zip")
            .toAbsolutePath().toString());
        VaeModelPortObject dl4j = (VaeModelPortObject) reader.execute()[0];
        reader.close();
        assertEquals(0, dl4j.model().provenance().rows(), "a DL4J-made model records no training rows");
        NodeHarness<?> learner = NodeHarness.of(VaeLearnerNodeFactory.class);
        learner.applySettings("epochs", 2, "list_column", dl4j.getSpec().input().listColumn());
        var out = learner.execute(moreDigits, dl4j);
        learner.close();
        VaeModelPortObject tuned = (VaeModelPortObject) out[0];
        assertEquals(dl4j.model().config(), tuned.model().config(), "DL4J's architecture kept");
        assertTrue(tuned.model().vae().isDl4jNetwork(), "still a DL4J network");
        assertTrue(tuned.model().provenance().startedFrom().contains("imported from a DL4J model file"),
            tuned.model().provenance().startedFrom());
        BufferedDataTable history = (BufferedDataTable) out[1];
        double first = ((DoubleCell) history.iterator().next().getCell(1)).getDoubleValue();
        assertTrue(lastTrainNegElbo(history) < first, "fine-tuning lowers the -ELBO: " + first + " -> "
            + lastTrainNegElbo(history));
    }

    @Test
    void averagedModelsTrainOnAndTheAveragerRefusesStrangers() throws Exception {
        VaeModelPortObject a = learn(digits, start, 1);
        VaeModelPortObject b = learn(moreDigits, start, 1, "seed", 7);
        NodeHarness<?> averager = NodeHarness.of(VaeModelAveragerNodeFactory.class);
        VaeModelPortObjectSpec promised = (VaeModelPortObjectSpec) averager.configure(a.getSpec(), b.getSpec())[0];
        VaeModelPortObject avg = (VaeModelPortObject) averager.execute(a, b)[0];
        assertEquals(promised.input(), avg.getSpec().input());
        assertEquals(800, avg.model().provenance().rows());
        assertTrue(avg.model().provenance().startedFrom().startsWith("the average of 2 models: 1) model "),
            avg.model().provenance().startedFrom());
        float[] pa = a.model().vae().parameters();
        float[] pb = b.model().vae().parameters();
        float[] p = avg.model().vae().parameters();
        for (int i = 0; i < p.length; i += 97) {
            assertEquals((float) (0.5 * pa[i] + 0.5 * pb[i]), p[i], 0f);
        }
        VaeModelPortObject next = learn(digits, avg, 1);
        assertTrue(next.model().provenance().startedFrom().contains("parameter averaging"),
            next.model().provenance().startedFrom());

        VaeModelPortObject other = learn(digits, null, 1, "latent_size", 3);
        String e = assertThrows(InvalidSettingsException.class, () -> averager.configure(a.getSpec(),
            other.getSpec())).getMessage();
        assertTrue(e.contains("input 2") && e.contains("latent size is 3") && e.contains("4"), e);
        VaeModelPortObject wider = learn(digits, null, 1, "latent_size", 4, "encoder_layers", "32");
        e = assertThrows(InvalidSettingsException.class, () -> averager.execute(a, wider)).getMessage();
        assertTrue(e.contains("784-32-4") && e.contains("784-64-4"), e);
        averager.close();
    }
}
