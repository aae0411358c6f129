package org.vaenodes.knime.nodes.grid;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaenodes.knime.util.SettingsDialog;

/** In the Latent Grid Renderer's dialog, the range r applies to the linear range mode only. */
class LatentGridSettingsApplyTest {

    @Test
    void theRangeIsDisabledForGaussianQuantiles() {
        LatentGridSettings s = new LatentGridSettings();
        new SettingsDialog(s);
        assertTrue(s.range.isEnabled(), "linear, by default");
        s.rangeMode.model().setStringValue("gaussian-quantiles");
        assertFalse(s.range.isEnabled());
        s.rangeMode.model().setStringValue("linear");
        assertTrue(s.range.isEnabled());
    }
}
