package org.vaenodes.knime.nodes.decoder;

import org.knime.core.data.DoubleValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelColumnFilter2;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.knime.data.PixelOutput;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.Setting;
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
        SAMPLE("Sample from the prior"), DECODE("Decode the input's latent columns");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** Which classes a conditional model samples. */
    enum SampleLabels implements SettingChoice {
        ALL("Every label"), ONE("One label");

        private final String label;

        SampleLabels(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    static final String CFG_MODE = "mode";
    static final String CFG_Z_COLUMNS = "z_columns";
    static final String CFG_SAMPLE_COUNT = "sample_count";
    static final String CFG_SEED = "seed";
    static final String CFG_SAMPLE_LABELS = "sample_labels";
    static final String CFG_LABEL = "label";
    static final String CFG_PIXEL_OUTPUT = "pixel_output";
    static final String CFG_IMAGE_COLUMN = "image_column";
    static final String CFG_MISSING_VALUES = "missing_values";
    static final String CFG_LATENT_COLUMNS = "latent_columns";

    /** The column filter for the latent columns came after workflows had been saved with the text alone. */
    private static final String WITH_COLUMN_FILTER = Setting.FIRST_RELEASE + "+latent-column-filter";

    /** Largest number of samples (per label). */
    static final int MAX_SAMPLES = 1_000_000;

    private static final String CODES = "Latent codes";
    private static final String DECODE = "Mode decode: latent columns of the input table";
    private static final String SAMPLE = "Mode sample: draws from the prior N(0, I)";
    private static final String CONDITIONAL = "Conditional model";
    private static final String OUTPUT = "Output";

    final ChoiceSetting<Mode> mode = declare(ChoiceSetting.of(CFG_MODE, Mode.SAMPLE)
        .label("Mode").section(CODES)
        .description("<i>Sample from the prior</i> (<tt>sample</tt>, default): draw codes from the prior; the input "
            + "table, if connected, is ignored (with a warning). <i>Decode the input's latent columns</i> "
            + "(<tt>decode</tt>): decode the latent columns of the input table, which must then be connected."));

    final SettingsModelString zColumns = declare(Setting.text(CFG_Z_COLUMNS, "z_mean_", 30)
        .label("Latent columns by name").section(DECODE).appliesWhen(() -> modeIs(Mode.DECODE))
        .description("Either a <b>prefix</b>: all columns named prefix followed by a number, ordered by that number "
            + "(the default <tt>z_mean_</tt> takes <i>z_mean_0</i>, <i>z_mean_1</i>, ... and ignores "
            + "<i>z_logvar_*</i>); or a <b>comma-separated list</b> of column names in latent order, e.g. "
            + "<tt>z_sample_0, z_sample_1</tt>. A single name without a comma is taken as one column if no prefixed "
            + "columns match. Empty: the columns chosen in <i>Latent columns</i> below. The columns must be numeric "
            + "and their number must equal the model's latent size, else configure fails and says what it found."));

    final SettingsModelIntegerBounded sampleCount = declare(Setting.integer(CFG_SAMPLE_COUNT, 100, 1, MAX_SAMPLES,
        10)
        .label("Number of samples").section(SAMPLE).appliesWhen(() -> modeIs(Mode.SAMPLE))
        .description("How many codes to draw, 1 to 1,000,000 (default 100) — for a conditional model with "
            + "<i>Every label</i>, this many per label."));

    final SettingsModelInteger seed = declare(Setting.anyInteger(CFG_SEED, 1)
        .label("Random seed").section(SAMPLE).appliesWhen(() -> modeIs(Mode.SAMPLE))
        .description("Seed of the drawn codes (default 1): the same seed gives the same samples."));

    final ChoiceSetting<SampleLabels> sampleLabels = declare(ChoiceSetting.of(CFG_SAMPLE_LABELS, SampleLabels.ALL)
        .label("Labels").section(SAMPLE).appliesWhen(() -> modeIs(Mode.SAMPLE))
        .description("Conditional models only. <i>Every label</i> (<tt>all</tt>, default): draw the chosen number "
            + "of samples for every label the model knows, label by label; <i>One label</i> (<tt>one</tt>): only "
            + "for the label below. Ignored for an unconditional model."));

    final SettingsModelString label = declare(Setting.text(CFG_LABEL, "", 15)
        .label("Label").section(CONDITIONAL)
        .appliesWhen(() -> !(modeIs(Mode.SAMPLE) && sampleLabels.valueOrNull() == SampleLabels.ALL))
        .description("Conditional model only: the label to decode with (as shown in the model's label column, e.g. "
            + "<tt>7</tt>). Used in mode sample with <i>One label</i>, and in mode decode when the table has no "
            + "label column. Empty (default) means the model's first label. A label the model does not know is an "
            + "error."));

    final ChoiceSetting<PixelOutput> pixelOutput = declare(ChoiceSetting.of(CFG_PIXEL_OUTPUT, PixelOutput.LIST)
        .label("Decoded values").section(OUTPUT)
        .description("<i>One list column</i> (<tt>list</tt>, default): one list-of-doubles column named like the "
            + "model's list column (or <i>Pixels</i>); <i>One column per value</i> (<tt>columns</tt>): one double "
            + "column per value, named like the model's value columns (or <i>pixel_0</i>, <i>pixel_1</i>, ...); "
            + "<i>None</i> (<tt>none</tt>): no values, e.g. to look at the images only."));

    final SettingsModelBoolean imageColumn = declare(Setting.flag(CFG_IMAGE_COLUMN, true)
        .label("Add image column").section(OUTPUT)
        .description("Adds the column <i>Image</i> with each decoded row as a PNG image (default: on). Only models "
            + "trained on images have one; for other models the option has no effect."));

    final ChoiceSetting<MissingValueRows> missingValues = declare(ChoiceSetting.of(CFG_MISSING_VALUES,
        MissingValueRows.FAIL)
        .label("Rows with missing values").section(DECODE).appliesWhen(() -> modeIs(Mode.DECODE))
        .description("<i>Fail, naming the row</i> (<tt>fail</tt>, default): a missing latent value (or missing "
            + "label) stops the node with the row and column named. <i>Output missing cells for the row</i> "
            + "(<tt>output-missing</tt>): such rows get missing cells in all columns."));

    @SuppressWarnings("unchecked")
    final SettingsModelColumnFilter2 latentColumns = declare(Setting.columns(CFG_LATENT_COLUMNS, 1, DoubleValue.class)
        .label("Latent columns").section(DECODE).since(WITH_COLUMN_FILTER)
        .appliesWhen(() -> modeIs(Mode.DECODE) && zColumns.getStringValue().isBlank())
        .description("When <i>Latent columns by name</i> is empty: the numeric columns to decode, chosen in KNIME's "
            + "column filter, in table order. Their number must equal the model's latent size."));

    VaeDecoderSettings() {
        super(VaeDecoderSettings::new);
    }

    private boolean modeIs(Mode m) {
        return mode.valueOrNull() == m;
    }

    /** Cross-field rules; called by validate and again at configure time. */
    @Override
    public void checkConsistent() throws InvalidSettingsException {
        sampleLabels.value();
        pixelOutput.value();
        missingValues.value();
        mode.value();
    }

}
