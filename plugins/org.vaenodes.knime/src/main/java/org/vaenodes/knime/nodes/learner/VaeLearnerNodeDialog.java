package org.vaenodes.knime.nodes.learner;

import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnFilter2;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;
import org.vaenodes.knime.util.SettingChoice;

/** Dialog of the VAE Learner: three tabs (Data, Architecture, Training) over {@link VaeLearnerSettings}. */
final class VaeLearnerNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    VaeLearnerNodeDialog() {
        VaeLearnerSettings s = new VaeLearnerSettings();
        setDefaultTabTitle("Data");
        addDialogComponent(new DialogComponentStringSelection(s.inputMode, "Input",
            SettingChoice.ids(VaeLearnerSettings.InputMode.values())));
        addDialogComponent(new DialogComponentColumnNameSelection(s.listColumn, "List column", 0, false,
            ListDataValue.class));
        addDialogComponent(new DialogComponentColumnFilter2(s.columns, 0));
        addDialogComponent(new DialogComponentColumnNameSelection(s.labelColumn, "Label column (conditional VAE)", 0,
            false, true, IntValue.class, StringValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.missingValues, "Missing values",
            SettingChoice.ids(VaeLearnerSettings.MissingValues.values())));

        createNewTab("Architecture");
        addDialogComponent(new DialogComponentString(s.encoderLayers, "Encoder hidden layers (e.g. 400 or 256,128)"));
        addDialogComponent(new DialogComponentString(s.decoderLayers, "Decoder hidden layers (empty = mirror)"));
        addDialogComponent(new DialogComponentNumber(s.latentSize, "Latent size", 1));
        addDialogComponent(new DialogComponentStringSelection(s.activation, "Activation",
            SettingChoice.ids(VaeLearnerSettings.ActivationChoice.values())));
        addDialogComponent(new DialogComponentStringSelection(s.likelihood, "Likelihood",
            SettingChoice.ids(VaeLearnerSettings.LikelihoodChoice.values())));
        addDialogComponent(new DialogComponentNumber(s.beta, "KL weight β", 0.1));

        createNewTab("Training");
        addDialogComponent(new DialogComponentNumber(s.epochs, "Epochs", 1));
        addDialogComponent(new DialogComponentNumber(s.batchSize, "Batch size", 16));
        addDialogComponent(new DialogComponentNumber(s.learningRate, "Learning rate", 1e-4));
        addDialogComponent(new DialogComponentNumber(s.seed, "Seed", 1));
        addDialogComponent(new DialogComponentNumber(s.validationPercent, "Validation (% of rows)", 5));
        addDialogComponent(new DialogComponentNumber(s.patience, "Early-stopping patience (0 = off)", 1));
        addDialogComponent(new DialogComponentBoolean(s.binarize, "Binarize inputs (stochastic)"));
        addDialogComponent(new DialogComponentStringSelection(s.trainer, "Trainer (fast = default, dl4j = DL4J reference)",
            SettingChoice.ids(VaeLearnerSettings.TrainerSetting.values())));
    }

}
