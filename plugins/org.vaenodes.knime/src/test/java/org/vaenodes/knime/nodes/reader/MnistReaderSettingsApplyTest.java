package org.vaenodes.knime.nodes.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaenodes.knime.util.Setting;
import org.vaenodes.knime.util.SettingsDialog;

/** In the MNIST Reader's dialog, the files, the cache folder and the scaling apply only where they are used. */
class MnistReaderSettingsApplyTest {

    @Test
    void settingsThatDoNotApplyAreDisabledAsTheSourceAndOutputChange() {
        MnistReaderSettings s = new MnistReaderSettings();
        new SettingsDialog(s);
        assertFalse(s.imagesFile.isEnabled(), "the built-in sample, by default");
        assertFalse(s.labelsFile.isEnabled());
        assertFalse(s.cacheDir.isEnabled());

        s.source.model().setStringValue("idx-files");
        assertTrue(s.imagesFile.isEnabled());
        assertTrue(s.labelsFile.isEnabled());
        assertFalse(s.cacheDir.isEnabled());

        s.source.model().setStringValue("download-fashion-mnist-test");
        assertFalse(s.imagesFile.isEnabled());
        assertFalse(s.labelsFile.isEnabled());
        assertTrue(s.cacheDir.isEnabled(), "downloads are kept in the cache folder");

        s.source.model().setStringValue("floppy");
        assertFalse(s.cacheDir.isEnabled(), "an unknown source applies to none of them");

        assertTrue(s.scaleToUnit.isEnabled(), "pixels are output, by default");
        s.pixelOutput.model().setStringValue("none");
        assertFalse(s.scaleToUnit.isEnabled(), "scaling is for pixel values only");
    }

    @Test
    void theCacheFolderAndTheRowSelectionAreTheSettingsAddedAfterTheFirstWorkflowsWereSaved() {
        assertEquals(List.of(MnistReaderSettings.CFG_CACHE_DIR, MnistReaderSettings.CFG_FIRST_ROW,
            MnistReaderSettings.CFG_LABELS), new MnistReaderSettings().settings().stream()
            .filter(Setting::addedLater).map(Setting::key).toList());
    }
}
