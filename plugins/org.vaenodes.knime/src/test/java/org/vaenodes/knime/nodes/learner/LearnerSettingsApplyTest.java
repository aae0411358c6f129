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
}
