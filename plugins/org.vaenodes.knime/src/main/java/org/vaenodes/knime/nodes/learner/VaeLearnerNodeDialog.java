package org.vaenodes.knime.nodes.learner;

import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnFilter2;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the VAE Learner: three tabs (Data, Architecture, Training) over {@link VaeLearnerSettings}. */
final class VaeLearnerNodeDialog extends DefaultNodeSettingsPane {

    @SuppressWarnings("unchecked")
    VaeLearnerNodeDialog() {
        VaeLearnerSettings s = new VaeLearnerSettings();
        setDefaultTabTitle("Data");
        addDialogComponent(new DialogComponentStringSelection(s.inputMode.model(), "Input",
            s.inputMode.ids()));
        addDialogComponent(new DialogComponentColumnNameSelection(s.listColumn, "List column", 0, false,
            ListDataValue.class));
        addDialogComponent(new DialogComponentColumnFilter2(s.columns, 0));
        addDialogComponent(new DialogComponentColumnNameSelection(s.imageColumn, "Image column (PNG)", 0, false,
            PNGImageValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.imageColour.model(), "Decode images as",
            s.imageColour.ids()));
        addDialogComponent(new DialogComponentColumnNameSelection(s.labelColumn, "Label column (conditional VAE)", 0,
            false, true, IntValue.class, StringValue.class));
        addDialogComponent(new DialogComponentStringSelection(s.missingValues.model(), "Missing values",
            s.missingValues.ids()));

        createNewTab("Architecture");
        addDialogComponent(new DialogComponentString(s.encoderLayers, "Encoder hidden layers (e.g. 400 or 256,128)"));
        addDialogComponent(new DialogComponentString(s.decoderLayers, "Decoder hidden layers (empty = mirror)"));
        addDialogComponent(new DialogComponentNumber(s.latentSize, "Latent size", 1));
        addDialogComponent(new DialogComponentStringSelection(s.activation.model(), "Activation",
            s.activation.ids()));
        addDialogComponent(new DialogComponentStringSelection(s.likelihood.model(), "Likelihood",
            s.likelihood.ids()));
        addDialogComponent(new DialogComponentNumber(s.beta, "KL weight β", 0.1));

        createNewTab("Training");
        addDialogComponent(new DialogComponentNumber(s.epochs, "Epochs", 1));
        addDialogComponent(new DialogComponentNumber(s.batchSize, "Batch size", 16));
        addDialogComponent(new DialogComponentNumber(s.learningRate, "Learning rate", 1e-4));
        addDialogComponent(new DialogComponentNumber(s.seed, "Seed", 1));
        addDialogComponent(new DialogComponentNumber(s.validationPercent, "Validation (% of rows)", 5));
        addDialogComponent(new DialogComponentNumber(s.patience, "Early-stopping patience (0 = off)", 1));
        addDialogComponent(new DialogComponentBoolean(s.binarize, "Binarize inputs (stochastic)"));
        addDialogComponent(new DialogComponentStringSelection(s.trainer.model(),
            "Trainer (fast = default, dl4j = DL4J reference)", s.trainer.ids()));
    }

}
