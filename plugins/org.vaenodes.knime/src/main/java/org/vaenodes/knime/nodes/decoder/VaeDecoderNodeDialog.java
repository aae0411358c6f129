package org.vaenodes.knime.nodes.decoder;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the VAE Decoder/Sampler: a view on {@link VaeDecoderSettings}, nothing more. */
final class VaeDecoderNodeDialog extends DefaultNodeSettingsPane {

    VaeDecoderNodeDialog() {
        VaeDecoderSettings s = new VaeDecoderSettings();
        createNewGroup("Latent codes");
        addDialogComponent(new DialogComponentStringSelection(s.mode.model(), "Mode",
            s.mode.ids()));
        closeCurrentGroup();
        createNewGroup("Mode 'decode': latent columns of the input table");
        addDialogComponent(new DialogComponentString(s.zColumns, "Prefix (e.g. z_mean_) or comma-separated columns",
            false, 30));
        addDialogComponent(new DialogComponentStringSelection(s.missingValues.model(), "Rows with missing values",
            s.missingValues.ids()));
        closeCurrentGroup();
        createNewGroup("Mode 'sample': draws from the prior N(0, I)");
        addDialogComponent(new DialogComponentNumber(s.sampleCount, "Number of samples (per label)", 10));
        addDialogComponent(new DialogComponentNumber(s.seed, "Random seed", 1));
        addDialogComponent(new DialogComponentStringSelection(s.sampleLabels.model(), "Labels (conditional model)",
            s.sampleLabels.ids()));
        closeCurrentGroup();
        createNewGroup("Conditional model");
        addDialogComponent(new DialogComponentString(s.label, "Label (empty = the model's first label)", false, 15));
        closeCurrentGroup();
        createNewGroup("Output");
        addDialogComponent(new DialogComponentBoolean(s.imageColumn, "Add image column (PNG, image models)"));
        addDialogComponent(new DialogComponentStringSelection(s.pixelOutput.model(), "Decoded values",
            s.pixelOutput.ids()));
        closeCurrentGroup();
    }
}
