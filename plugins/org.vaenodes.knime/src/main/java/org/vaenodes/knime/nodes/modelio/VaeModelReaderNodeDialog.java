package org.vaenodes.knime.nodes.modelio;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;

/** Dialog of the VAE Model Reader: a view on {@link VaeModelReaderSettings}. */
final class VaeModelReaderNodeDialog extends DefaultNodeSettingsPane {

    VaeModelReaderNodeDialog() {
        VaeModelReaderSettings s = new VaeModelReaderSettings();
        addDialogComponent(new DialogComponentFileChooser(s.file, "vaenodes.model.file", JFileChooser.OPEN_DIALOG,
            ".zip"));
        createNewGroup("Input (for files that do not say; empty / 0 = as in the file)");
        addDialogComponent(new DialogComponentString(s.listColumn, "Input list column"));
        addDialogComponent(new DialogComponentNumber(s.imageRows, "Image height", 1));
        addDialogComponent(new DialogComponentNumber(s.imageCols, "Image width", 1));
        closeCurrentGroup();
    }
}
