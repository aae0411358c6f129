package org.vaenodes.knime.nodes.encoder;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the VAE Encoder: a view on {@link VaeEncoderSettings}, nothing more. */
final class VaeEncoderNodeDialog extends DefaultNodeSettingsPane {

    VaeEncoderNodeDialog() {
        VaeEncoderSettings s = new VaeEncoderSettings();
        createNewGroup("Latent code (z_mean_* is always appended)");
        addDialogComponent(new DialogComponentBoolean(s.zLogVar, "Append log-variances (z_logvar_*)"));
        addDialogComponent(new DialogComponentBoolean(s.zSample, "Append a sampled z (z_sample_*)"));
        closeCurrentGroup();
        createNewGroup("Scores and images");
        addDialogComponent(new DialogComponentBoolean(s.negElbo, "Append −ELBO per row (neg_elbo)"));
        addDialogComponent(new DialogComponentBoolean(s.anomalyScore,
            "Append anomaly score: reconstruction log-probability (recon_log_prob; low = unusual)"));
        addDialogComponent(new DialogComponentNumber(s.anomalySamples, "Samples per anomaly score", 1));
        addDialogComponent(new DialogComponentBoolean(s.reconstructionImage, "Append reconstruction image (PNG)"));
        addDialogComponent(new DialogComponentNumber(s.seed, "Random seed", 1));
        closeCurrentGroup();
        createNewGroup("Missing values");
        addDialogComponent(new DialogComponentStringSelection(s.missingValues.model(), "Rows with missing values",
            s.missingValues.ids()));
        closeCurrentGroup();
    }
}
