package org.vaenodes.knime.data;

import org.vaenodes.engine.image.ColorMode;
import org.vaenodes.knime.util.SettingChoice;

/**
 * How images are decoded where a node setting chooses it (Image Folder Reader, VAE Learner on PNG cells): one grey
 * value or R, G, B per pixel. The ids, "grey" and "rgb", are also the channel names of the pixel columns' image
 * shape property.
 */
public enum ImageColour implements SettingChoice {
    GREY(ColorMode.GRAY, "Grey (one value per pixel)"), RGB(ColorMode.RGB, "RGB (three values per pixel)");

    private final ColorMode mode;
    private final String label;

    ImageColour(ColorMode mode, String label) {
        this.mode = mode;
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The engine's decoding mode. */
    public ColorMode mode() {
        return mode;
    }
}
