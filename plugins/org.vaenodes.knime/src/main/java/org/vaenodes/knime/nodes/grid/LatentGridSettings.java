package org.vaenodes.knime.nodes.grid;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.engine.model.VaeConfig;
import org.vaenodes.engine.render.ImageSheets;
import org.vaenodes.engine.render.RangeMode;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.ChoiceSetting;
import org.vaenodes.knime.util.SettingChoice;

/**
 * Every setting of the Latent Grid Renderer: key, default, bounds and validation in one place. The node model and
 * the dialog share these models, and each key is a plain entry in the node's settings, so flow variables can set it.
 */
final class LatentGridSettings extends NodeSettingsGroup {

    /** How the grid coordinates are spaced; the id is what flow variables set. */
    enum Range implements SettingChoice {
        LINEAR(RangeMode.LINEAR), GAUSSIAN_QUANTILES(RangeMode.GAUSSIAN_QUANTILES);

        private final RangeMode mode;

        Range(RangeMode mode) {
            this.mode = mode;
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

    final SettingsModelIntegerBounded gridSize =
        new SettingsModelIntegerBounded(CFG_GRID_SIZE, 20, 1, ImageSheets.MAX_GRID);
    final SettingsModelIntegerBounded dimX = new SettingsModelIntegerBounded(CFG_DIM_X, 0, 0, VaeConfig.MAX_LATENT - 1);
    final SettingsModelIntegerBounded dimY = new SettingsModelIntegerBounded(CFG_DIM_Y, 1, 0, VaeConfig.MAX_LATENT - 1);
    final ChoiceSetting<Range> rangeMode = new ChoiceSetting<>(CFG_RANGE_MODE, Range.LINEAR);
    final SettingsModelDoubleBounded range = new SettingsModelDoubleBounded(CFG_RANGE, 3, 0, MAX_LATENT_VALUE);
    final SettingsModelDoubleBounded otherValue =
        new SettingsModelDoubleBounded(CFG_OTHER_VALUE, 0, -MAX_LATENT_VALUE, MAX_LATENT_VALUE);
    final SettingsModelString label = new SettingsModelString(CFG_LABEL, "");
    final SettingsModelIntegerBounded tileScale =
        new SettingsModelIntegerBounded(CFG_TILE_SCALE, 1, 1, ImageSheets.MAX_SCALE);
    final SettingsModelBoolean invert = new SettingsModelBoolean(CFG_INVERT, false);

    LatentGridSettings() {
        super(LatentGridSettings::new);
    }

    @Override
    protected List<SettingsModel> models() {
        return List.of(gridSize, dimX, dimY, rangeMode.model(), range, otherValue, label, tileScale, invert);
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
