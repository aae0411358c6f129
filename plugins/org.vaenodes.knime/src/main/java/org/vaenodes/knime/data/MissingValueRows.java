package org.vaenodes.knime.data;

import org.vaenodes.knime.util.SettingChoice;

/**
 * What a node that writes one output row per input row (VAE Encoder, VAE Decoder/Sampler in decode mode) does with
 * a row whose input has missing values: fail naming the row, or give that row missing output cells.
 */
public enum MissingValueRows implements SettingChoice {
    FAIL("Fail, naming the row"), OUTPUT_MISSING("Output missing cells for the row");

    private final String label;

    MissingValueRows(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
