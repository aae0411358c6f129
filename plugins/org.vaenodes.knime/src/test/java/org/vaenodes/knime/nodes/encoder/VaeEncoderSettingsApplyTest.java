package org.vaenodes.knime.nodes.encoder;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaenodes.knime.util.SettingsDialog;

/** In the VAE Encoder's dialog, the anomaly samples and the seed apply only to the columns that use them. */
class VaeEncoderSettingsApplyTest {

    @Test
    void samplesAndSeedAreEnabledOnlyForWhatUsesThem() {
        VaeEncoderSettings s = new VaeEncoderSettings();
        new SettingsDialog(s);
        assertFalse(s.anomalySamples.isEnabled(), "no anomaly score, by default");
        assertFalse(s.seed.isEnabled(), "nothing random is appended by default");

        s.anomalyScore.setBooleanValue(true);
        assertTrue(s.anomalySamples.isEnabled());
        assertTrue(s.seed.isEnabled());

        s.anomalyScore.setBooleanValue(false);
        s.zSample.setBooleanValue(true);
        assertFalse(s.anomalySamples.isEnabled());
        assertTrue(s.seed.isEnabled(), "the sampled z is drawn with the seed");

        s.zSample.setBooleanValue(false);
        s.negElbo.setBooleanValue(true);
        assertTrue(s.seed.isEnabled(), "the −ELBO uses one sampled z");
    }
}
