package org.vaenodes.knime.nodes.modelio;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;

/** Dialog of the VAE Model Writer: a view on {@link VaeModelWriterSettings}. */
final class VaeModelWriterNodeDialog extends DefaultNodeSettingsPane {

    VaeModelWriterNodeDialog() {
        VaeModelWriterSettings s = new VaeModelWriterSettings();
        addDialogComponent(new DialogComponentFileChooser(s.file, "vaenodes.model.file", JFileChooser.SAVE_DIALOG,
            ".zip"));
        addDialogComponent(new DialogComponentBoolean(s.overwrite, "Overwrite an existing file"));
    }
}
