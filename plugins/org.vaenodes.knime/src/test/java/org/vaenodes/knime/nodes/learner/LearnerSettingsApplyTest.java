package org.vaenodes.knime.nodes.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaenodes.engine.spec.TrainerChoice;
import org.vaenodes.knime.util.Setting;
import org.vaenodes.knime.util.SettingsDialog;

/**
 * In the VAE Learner's dialog, a setting that does not apply with the others' values is disabled as soon as they
 * change, and DL4J's trainer is offered only for a network DL4J's layer can train.
 */
class LearnerSettingsApplyTest {

    @Test
    void settingsThatDoNotApplyAreDisabledAsTheOthersChange() {
        VaeLearnerSettings s = new VaeLearnerSettings();
        new SettingsDialog(s);
        assertTrue(s.listColumn.isEnabled(), "input: one list column, by default");
        assertFalse(s.columns.isEnabled());
        assertFalse(s.imageColumn.isEnabled());
        assertFalse(s.imageColour.model().isEnabled());

        s.inputMode.model().setStringValue("image");
        assertFalse(s.listColumn.isEnabled());
        assertTrue(s.imageColumn.isEnabled());
        assertTrue(s.imageColour.model().isEnabled());

        assertTrue(s.binarize.isEnabled(), "Bernoulli, by default");
        s.likelihood.model().setStringValue("gaussian");
        assertFalse(s.binarize.isEnabled(), "binarization is for the Bernoulli likelihood only");

        assertTrue(s.patience.isEnabled(), "a validation split, by default");
        s.validationPercent.setDoubleValue(0);
        assertFalse(s.patience.isEnabled(), "early stopping needs a validation split");
        s.validationPercent.setDoubleValue(10);
        assertTrue(s.patience.isEnabled());
    }

    @Test
    void dl4jsTrainerIsOfferedOnlyForWhatItCanTrain() {
        VaeLearnerSettings s = new VaeLearnerSettings();
        assertNull(s.trainer.whyNotNow(TrainerChoice.DL4J), "the default network is one DL4J's layer trains");
        assertNull(s.trainer.whyNotNow(TrainerChoice.FAST));
        s.beta.setDoubleValue(4);
        assertTrue(s.trainer.whyNotNow(TrainerChoice.DL4J).contains("β is 4.0"), s.trainer.whyNotNow(TrainerChoice.DL4J));
        s.beta.setDoubleValue(1);
        s.labelColumn.setStringValue("Label");
        assertTrue(s.trainer.whyNotNow(TrainerChoice.DL4J).contains("conditional"));
        assertNull(s.trainer.whyNotNow(TrainerChoice.FAST), "the fast trainer trains every network");
    }

    @Test
    void settingsAddedAfterTheFirstWorkflowsWereSavedAreTheOptionalOnes() {
        assertEquals(java.util.List.of(VaeLearnerSettings.CFG_IMAGE_COLUMN, VaeLearnerSettings.CFG_IMAGE_COLOUR,
            VaeLearnerSettings.CFG_TRAINER), new VaeLearnerSettings().settings().stream().filter(Setting::addedLater)
            .map(Setting::key).toList());
    }

    @Test
    void theArchitectureTabIsDisabledWhileAStartingModelIsConnected() throws Exception {
        VaeLearnerSettings s = new VaeLearnerSettings();
        SettingsDialog dialog = new SettingsDialog(s);
        org.knime.core.data.DataTableSpec table = new org.knime.core.data.DataTableSpec(
            new org.knime.core.data.DataColumnSpecCreator("Label", org.knime.core.data.def.IntCell.TYPE).createSpec(),
            new org.knime.core.data.DataColumnSpecCreator("Image",
                org.knime.core.data.image.png.PNGImageContent.TYPE).createSpec(),
            new org.knime.core.data.DataColumnSpecCreator("Pixels", org.knime.core.data.collection.ListCell
                .getCollectionType(org.knime.core.data.def.DoubleCell.TYPE)).createSpec());
        org.vaenodes.knime.port.VaeModelPortObjectSpec model = new org.vaenodes.knime.port.VaeModelPortObjectSpec(
            org.vaenodes.engine.spec.InputDescription.ofList("Pixels", 784), 4, "bernoulli", null, "");
        org.knime.core.node.NodeSettings saved = new org.knime.core.node.NodeSettings("model");
        s.saveSettingsTo(saved);
        dialog.loadSettingsFrom(saved, new org.knime.core.node.port.PortObjectSpec[] {table, null});
        assertTrue(s.latentSize.isEnabled() && s.encoderLayers.isEnabled() && s.beta.isEnabled(),
            "no model connected: the Learner's own architecture");
        dialog.loadSettingsFrom(saved, new org.knime.core.node.port.PortObjectSpec[] {table, model});
        for (Setting<?> setting : s.sections().get("Architecture")) {
            assertFalse(setting.model().isEnabled(), setting.key() + ": the connected model decides");
        }
        assertTrue(s.epochs.isEnabled(), "the training settings still apply");
        s.epochs.setIntValue(3); // any change re-evaluates what applies: still the model's architecture
        assertFalse(s.latentSize.isEnabled());
    }
}
