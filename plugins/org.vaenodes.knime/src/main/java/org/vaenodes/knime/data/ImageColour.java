package org.vaenodes.knime.data;

import org.vaenodes.engine.image.ColorMode;
import org.vaenodes.knime.util.SettingChoice;

/**
 * How images are decoded where a node setting chooses it (Image Folder Reader, VAE Learner on PNG cells): one grey
 * value or R, G, B per pixel. The ids, "grey" and "rgb", are also the channel names of the pixel columns' image
 * shape property.
 */
public enum ImageColour implements SettingChoice {
    GREY(ColorMode.GRAY), RGB(ColorMode.RGB);

    private final ColorMode mode;

    ImageColour(ColorMode mode) {
        this.mode = mode;
    }

    /** The engine's decoding mode. */
    public ColorMode mode() {
        return mode;
    }
}
