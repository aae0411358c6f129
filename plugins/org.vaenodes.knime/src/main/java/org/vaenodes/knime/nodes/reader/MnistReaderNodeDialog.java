package org.vaenodes.knime.nodes.reader;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the MNIST Reader: a view on {@link MnistReaderSettings}, nothing more. */
final class MnistReaderNodeDialog extends DefaultNodeSettingsPane {

    MnistReaderNodeDialog() {
        MnistReaderSettings s = new MnistReaderSettings();
        createNewGroup("Source");
        addDialogComponent(new DialogComponentStringSelection(s.source.model(), "Source",
            s.source.ids()));
        addDialogComponent(new DialogComponentFileChooser(s.imagesFile, "vaenodes.mnist.images",
            JFileChooser.OPEN_DIALOG, ".gz", "-ubyte"));
        addDialogComponent(new DialogComponentFileChooser(s.labelsFile, "vaenodes.mnist.labels",
            JFileChooser.OPEN_DIALOG, ".gz", "-ubyte"));
        addDialogComponent(new DialogComponentFileChooser(s.cacheDir, "vaenodes.mnist.cache",
            JFileChooser.OPEN_DIALOG, true));
        addDialogComponent(new DialogComponentNumber(s.maxRows, "Maximum rows (0 = all)", 1000));
        closeCurrentGroup();
        createNewGroup("Output");
        addDialogComponent(new DialogComponentStringSelection(s.pixelOutput.model(), "Pixel output",
            s.pixelOutput.ids()));
        addDialogComponent(new DialogComponentBoolean(s.scaleToUnit, "Scale pixels to [0, 1]"));
        addDialogComponent(new DialogComponentBoolean(s.imageColumn, "Add image column (PNG)"));
        addDialogComponent(new DialogComponentString(s.rowIdPrefix, "Row ID prefix"));
        closeCurrentGroup();
    }
}
