package org.vaenodes.knime.nodes.grid;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.engine.render.ImageSheets;
import org.vaenodes.engine.render.RangeMode;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.knime.util.ChoiceSetting;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.Setting;
import org.vaenodes.knime.util.SettingChoice;

/**
 * Every setting of the Latent Grid Renderer: key, default, bounds and validation in one place, shared by model and
 * dialog; each key is a plain entry in the node's settings, so flow variables can set it.
 */
final class LatentGridSettings extends NodeSettingsGroup {

    /** How the grid coordinates are spaced; the id is what flow variables set. */
    enum Range implements SettingChoice {
        LINEAR(RangeMode.LINEAR, "Evenly from −r to +r"),
        GAUSSIAN_QUANTILES(RangeMode.GAUSSIAN_QUANTILES, "Gaussian quantiles");

        private final RangeMode mode;
        private final String label;

        Range(RangeMode mode, String label) {
            this.mode = mode;
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        RangeMode mode() {
            return mode;
        }
    }

    static final String CFG_GRID_SIZE = "grid_size";
    static final String CFG_DIM_X = "dim_x";
    static final String CFG_DIM_Y = "dim_y";
    static final String CFG_RANGE_MODE = "range_mode";
    static final String CFG_RANGE = "range";
    static final String CFG_OTHER_VALUE = "other_value";
    static final String CFG_LABEL = "label";
    static final String CFG_TILE_SCALE = "tile_scale";
    static final String CFG_INVERT = "invert";

    /** Largest |value| of the range and of the other dimensions' value. */
    static final double MAX_LATENT_VALUE = 1e6;

    private static final String GRID = "Grid";
    private static final String LATENT_VALUES = "Latent values";
    private static final String PICTURE = "Picture";

    final SettingsModelIntegerBounded gridSize = declare(Setting.integer(CFG_GRID_SIZE, 20, 1, ImageSheets.MAX_GRID, 1)
        .label("Grid size n").section(GRID)
        .description("Number of tiles per side, 1 to 64 (default 20): the grid has n × n tiles and the picture is "
            + "n × image width × tile scale pixels wide (560 for MNIST with the defaults)."));

    final SettingsModelIntegerBounded dimX = declare(Setting.integer(CFG_DIM_X, 0, 0, VaeConfig.MAX_LATENT - 1, 1)
        .label("Latent dimension, x axis").section(GRID)
        .description("The latent dimension swept from left to right (default 0, i.e. <i>z_0</i>). Must be below "
            + "the model's latent size."));

    final SettingsModelIntegerBounded dimY = declare(Setting.integer(CFG_DIM_Y, 1, 0, VaeConfig.MAX_LATENT - 1, 1)
        .label("Latent dimension, y axis").section(GRID)
        .description("The latent dimension swept from bottom to top (default 1). Must be below the model's latent "
            + "size and differ from the x axis; ignored for a one-dimensional latent space."));

    final ChoiceSetting<Range> rangeMode = declare(ChoiceSetting.of(CFG_RANGE_MODE, Range.LINEAR)
        .label("Range mode").section(LATENT_VALUES)
        .description("How the n values per axis are spaced. <i>Evenly from −r to +r</i> (<tt>linear</tt>, "
            + "default): equal steps from −r to +r. <i>Gaussian quantiles</i> (<tt>gaussian-quantiles</tt>): the "
            + "standard normal quantiles of (i + ½) / n, so each tile covers the same prior probability (the layout "
            + "of Kingma &amp; Welling's figures); r is then not used."));

    final SettingsModelDoubleBounded range = declare(Setting.real(CFG_RANGE, 3, 0, MAX_LATENT_VALUE, 0.5)
        .label("Range r").section(LATENT_VALUES).appliesWhen(() -> rangeMode.valueOrNull() == Range.LINEAR)
        .description("Half-width of the linear range (default 3: the grid spans −3 … +3, which covers almost all "
            + "of the prior N(0, 1)). Must be greater than 0. Only used with the range mode <i>Evenly from "
            + "−r to +r</i>."));

    final SettingsModelDoubleBounded otherValue = declare(Setting.real(CFG_OTHER_VALUE, 0, -MAX_LATENT_VALUE,
        MAX_LATENT_VALUE, 0.1)
        .label("Value of the other dimensions").section(LATENT_VALUES)
        .description("The value every latent dimension other than the two axes keeps (default 0, the prior's "
            + "mean). Not used for a 2-dimensional latent space."));

    final SettingsModelString label = declare(Setting.text(CFG_LABEL, "", 15)
        .label("Label").section(LATENT_VALUES)
        .description("Conditional model only: the label every tile is decoded with, as shown in the model's label "
            + "column (e.g. <tt>7</tt>). Empty (default) means the model's first label. A label the model does not "
            + "know is an error. Ignored for an unconditional model."));

    final SettingsModelIntegerBounded tileScale = declare(Setting.integer(CFG_TILE_SCALE, 1, 1,
        ImageSheets.MAX_SCALE, 1)
        .label("Tile scale").section(PICTURE)
        .description("Each image pixel becomes scale × scale picture pixels, 1 to 16 (default 1). The picture may "
            + "be at most 16,384 pixels per side."));

    final SettingsModelBoolean invert = declare(Setting.flag(CFG_INVERT, false)
        .label("Invert").section(PICTURE)
        .description("Draw dark ink on a white background instead of white on black (default: off). Applies to "
            + "the picture and to the tile images."));

    LatentGridSettings() {
        super(LatentGridSettings::new);
    }

    /** Cross-field rules; called by validate and again at configure time. */
    @Override
    public void checkConsistent() throws InvalidSettingsException {
        if (rangeMode.value() == Range.LINEAR && !(range.getDoubleValue() > 0)) {
            throw new InvalidSettingsException("The grid range r (" + CFG_RANGE + ") must be greater than 0 for"
                + " range mode 'linear' (the grid spans −r … +r).");
        }
        if (Double.isNaN(otherValue.getDoubleValue())) {
            throw new InvalidSettingsException("The value for the other latent dimensions (" + CFG_OTHER_VALUE
                + ") must be a number.");
        }
    }
}
