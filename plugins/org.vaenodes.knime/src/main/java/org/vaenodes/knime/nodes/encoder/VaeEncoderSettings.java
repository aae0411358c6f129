package org.vaenodes.knime.nodes.encoder;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.vaenodes.knime.data.MissingValueRows;
import org.vaenodes.knime.util.ChoiceSetting;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.Setting;

/**
 * Every setting of the VAE Encoder: key, default, bounds and validation in one place, shared by model and dialog;
 * each key is a plain entry in the node's settings, so flow variables can set it.
 */
final class VaeEncoderSettings extends NodeSettingsGroup {

    static final String CFG_Z_LOGVAR = "z_logvar";
    static final String CFG_Z_SAMPLE = "z_sample";
    static final String CFG_NEG_ELBO = "neg_elbo";
    static final String CFG_ANOMALY_SCORE = "anomaly_score";
    static final String CFG_ANOMALY_SAMPLES = "anomaly_samples";
    static final String CFG_RECONSTRUCTION_IMAGE = "reconstruction_image";
    static final String CFG_SEED = "seed";
    static final String CFG_MISSING_VALUES = "missing_values";

    /** Largest number of z draws averaged for the anomaly score. */
    static final int MAX_ANOMALY_SAMPLES = 1000;

    private static final String LATENT_CODE = "Latent code";
    private static final String SCORES = "Scores and images";
    private static final String MISSING = "Missing values";

    final SettingsModelBoolean zLogVar = declare(Setting.flag(CFG_Z_LOGVAR, false)
        .label("Append log-variances").section(LATENT_CODE)
        .description("Also append the encoder's log-variances log σ² as <i>z_logvar_0</i>, ... (default: off). "
            + "Together with <i>z_mean_*</i> they describe the Gaussian q(z | x) of each row."));

    final SettingsModelBoolean zSample = declare(Setting.flag(CFG_Z_SAMPLE, false)
        .label("Append a sampled z").section(LATENT_CODE)
        .description("Also append one random draw z = μ + σ·ε per row as <i>z_sample_0</i>, ... (default: off)."));

    final SettingsModelBoolean negElbo = declare(Setting.flag(CFG_NEG_ELBO, false)
        .label("Append −ELBO").section(SCORES)
        .description("Append the column <i>neg_elbo</i>: the negative evidence lower bound of the row "
            + "(reconstruction error plus KL divergence, in nats, with one sampled z). Higher is worse (default: "
            + "off)."));

    final SettingsModelBoolean anomalyScore = declare(Setting.flag(CFG_ANOMALY_SCORE, false)
        .label("Append anomaly score").section(SCORES)
        .description("Append the column <i>recon_log_prob</i>: the reconstruction log-probability described above. "
            + "Low values mark anomalous rows (default: off)."));

    final SettingsModelIntegerBounded anomalySamples = declare(Setting.integer(CFG_ANOMALY_SAMPLES, 10, 1,
        MAX_ANOMALY_SAMPLES, 1)
        .label("Samples per anomaly score").section(SCORES).appliesWhen(anomalyScore::getBooleanValue)
        .description("How many draws of z are averaged for the anomaly score, 1 to 1000 (default 10). More draws "
            + "give a steadier score and take proportionally longer. Only used when the anomaly score is "
            + "appended."));

    final SettingsModelBoolean reconstructionImage = declare(Setting.flag(CFG_RECONSTRUCTION_IMAGE, false)
        .label("Append reconstruction image").section(SCORES)
        .description("Append the column <i>Reconstruction</i> with the decoded mean of each row as a PNG image, to "
            + "compare with the input image (default: off). Only for models trained on images; otherwise configure "
            + "fails with an explanation."));

    final SettingsModelInteger seed = declare(Setting.anyInteger(CFG_SEED, 1)
        .label("Random seed").section(SCORES)
        .appliesWhen(() -> zSample.getBooleanValue() || negElbo.getBooleanValue() || anomalyScore.getBooleanValue())
        .description("Seed of the random draws for the sampled z, the −ELBO and the anomaly score (default 1). The "
            + "same seed and table give the same values. Only used when one of these is appended."));

    final ChoiceSetting<MissingValueRows> missingValues = declare(ChoiceSetting.of(CFG_MISSING_VALUES,
        MissingValueRows.FAIL)
        .label("Rows with missing values").section(MISSING)
        .description("<i>Fail, naming the row</i> (<tt>fail</tt>, default): a missing input value (or missing "
            + "label for a conditional model) stops the node with the row and column named. <i>Output missing "
            + "cells for the row</i> (<tt>output-missing</tt>): such rows are kept and get missing cells in all "
            + "appended columns."));

    VaeEncoderSettings() {
        super(VaeEncoderSettings::new);
    }

    /** Cross-field rules; called by validate and again at configure time. */
    @Override
    public void checkConsistent() throws InvalidSettingsException {
        missingValues.value();
    }
}
