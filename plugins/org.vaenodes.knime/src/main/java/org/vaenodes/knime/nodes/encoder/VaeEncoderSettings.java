package org.vaenodes.knime.nodes.encoder;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.data.MissingValueRows;
import org.vaenodes.knime.util.ChoiceSetting;
import org.vaenodes.knime.util.SettingChoice;

/**
 * Every setting of the VAE Encoder: key, default, bounds and validation in one place. The node model and the
 * dialog share these models, and each key is a plain entry in the node's settings, so flow variables can set it.
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

    final SettingsModelBoolean zLogVar = new SettingsModelBoolean(CFG_Z_LOGVAR, false);
    final SettingsModelBoolean zSample = new SettingsModelBoolean(CFG_Z_SAMPLE, false);
    final SettingsModelBoolean negElbo = new SettingsModelBoolean(CFG_NEG_ELBO, false);
    final SettingsModelBoolean anomalyScore = new SettingsModelBoolean(CFG_ANOMALY_SCORE, false);
    final SettingsModelIntegerBounded anomalySamples =
        new SettingsModelIntegerBounded(CFG_ANOMALY_SAMPLES, 10, 1, MAX_ANOMALY_SAMPLES);
    final SettingsModelBoolean reconstructionImage = new SettingsModelBoolean(CFG_RECONSTRUCTION_IMAGE, false);
    final SettingsModelInteger seed = new SettingsModelInteger(CFG_SEED, 1);
    final ChoiceSetting<MissingValueRows> missingValues = new ChoiceSetting<>(CFG_MISSING_VALUES, MissingValueRows.FAIL);

    VaeEncoderSettings() {
        super(VaeEncoderSettings::new);
    }

    @Override
    protected List<SettingsModel> models() {
        return List.of(zLogVar, zSample, negElbo, anomalyScore, anomalySamples, reconstructionImage, seed,
            missingValues.model());
    }

    /** Cross-field rules; called by validate and again at configure time. */
    @Override
    public void checkConsistent() throws InvalidSettingsException {
        missingValues.value();
    }

}
