package org.vaenodes.knime.nodes.decoder;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.knime.data.PixelOutput;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.data.MissingValueRows;
import org.vaenodes.knime.util.ChoiceSetting;
import org.vaenodes.knime.util.SettingChoice;

/**
 * Every setting of the VAE Decoder/Sampler: key, default, bounds and validation in one place. The node model and
 * the dialog share these models, and each key is a plain entry in the node's settings, so flow variables can set it.
 */
final class VaeDecoderSettings extends NodeSettingsGroup {

    /** Where the latent codes come from. */
    enum Mode implements SettingChoice {
        SAMPLE, DECODE;
    }

    /** Which classes a conditional model samples. */
    enum SampleLabels implements SettingChoice {
        ALL, ONE;
    }

    /** How decoded values are written to the output table. */
    static final String CFG_MODE = "mode";
    static final String CFG_Z_COLUMNS = "z_columns";
    static final String CFG_SAMPLE_COUNT = "sample_count";
    static final String CFG_SEED = "seed";
    static final String CFG_SAMPLE_LABELS = "sample_labels";
    static final String CFG_LABEL = "label";
    static final String CFG_PIXEL_OUTPUT = "pixel_output";
    static final String CFG_IMAGE_COLUMN = "image_column";
    static final String CFG_MISSING_VALUES = "missing_values";

    /** Largest number of samples (per label). */
    static final int MAX_SAMPLES = 1_000_000;

    final ChoiceSetting<Mode> mode = new ChoiceSetting<>(CFG_MODE, Mode.SAMPLE);
    final SettingsModelString zColumns = new SettingsModelString(CFG_Z_COLUMNS, "z_mean_");
    final SettingsModelIntegerBounded sampleCount = new SettingsModelIntegerBounded(CFG_SAMPLE_COUNT, 100, 1,
        MAX_SAMPLES);
    final SettingsModelInteger seed = new SettingsModelInteger(CFG_SEED, 1);
    final ChoiceSetting<SampleLabels> sampleLabels = new ChoiceSetting<>(CFG_SAMPLE_LABELS, SampleLabels.ALL);
    final SettingsModelString label = new SettingsModelString(CFG_LABEL, "");
    final ChoiceSetting<PixelOutput> pixelOutput = new ChoiceSetting<>(CFG_PIXEL_OUTPUT, PixelOutput.LIST);
    final SettingsModelBoolean imageColumn = new SettingsModelBoolean(CFG_IMAGE_COLUMN, true);
    final ChoiceSetting<MissingValueRows> missingValues = new ChoiceSetting<>(CFG_MISSING_VALUES, MissingValueRows.FAIL);

    VaeDecoderSettings() {
        super(VaeDecoderSettings::new);
    }

    @Override
    protected List<SettingsModel> models() {
        return List.of(mode.model(), zColumns, sampleCount, seed, sampleLabels.model(), label, pixelOutput.model(),
            imageColumn, missingValues.model());
    }

    /** Cross-field rules; called by validate and again at configure time. */
    @Override
    public void checkConsistent() throws InvalidSettingsException {
        sampleLabels.value();
        pixelOutput.value();
        missingValues.value();
        if (mode.value() == Mode.DECODE && zColumns.getStringValue().isBlank()) {
            throw new InvalidSettingsException("Mode 'decode' needs the latent columns (" + CFG_Z_COLUMNS
                + "): a prefix such as 'z_mean_' or a comma-separated list of column names.");
        }
    }

}
