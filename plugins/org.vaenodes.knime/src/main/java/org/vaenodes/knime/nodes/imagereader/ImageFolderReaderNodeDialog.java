package org.vaenodes.knime.nodes.imagereader;

import javax.swing.JFileChooser;

import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentBoolean;
import org.knime.core.node.defaultnodesettings.DialogComponentFileChooser;
import org.knime.core.node.defaultnodesettings.DialogComponentNumber;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.DialogComponentStringSelection;

/** Dialog of the Image Folder Reader: a view on {@link ImageFolderReaderSettings}, nothing more. */
final class ImageFolderReaderNodeDialog extends DefaultNodeSettingsPane {

    ImageFolderReaderNodeDialog() {
        ImageFolderReaderSettings s = new ImageFolderReaderSettings();
        createNewGroup("Folder");
        // directory mode: the chooser's selection mode is JFileChooser.DIRECTORIES_ONLY
        DialogComponentFileChooser folder = new DialogComponentFileChooser(s.folder, "vaenodes.images.folder",
            JFileChooser.OPEN_DIALOG, true);
        folder.setBorderTitle("Image folder");
        addDialogComponent(folder);
        addDialogComponent(new DialogComponentBoolean(s.includeSubfolders, "Include sub-folders"));
        addDialogComponent(new DialogComponentString(s.fileFilter, "File filter (patterns separated by ';')", true,
            30));
        addDialogComponent(new DialogComponentNumber(s.maxRows, "Maximum rows (0 = all)", 1000));
        closeCurrentGroup();
        createNewGroup("Images");
        addDialogComponent(new DialogComponentNumber(s.width, "Width", 1));
        addDialogComponent(new DialogComponentNumber(s.height, "Height", 1));
        addDialogComponent(new DialogComponentStringSelection(s.resize.model(), "Resize", s.resize.ids()));
        addDialogComponent(new DialogComponentStringSelection(s.color.model(), "Colour", s.color.ids()));
        closeCurrentGroup();
        createNewGroup("Output");
        addDialogComponent(new DialogComponentBoolean(s.labelFromFolder, "Label from sub-folder name"));
        addDialogComponent(new DialogComponentBoolean(s.imageColumn, "Add image column (PNG)"));
        addDialogComponent(new DialogComponentStringSelection(s.pixelOutput.model(), "Pixel output",
            s.pixelOutput.ids()));
        addDialogComponent(new DialogComponentBoolean(s.pathColumn, "Add path column"));
        addDialogComponent(new DialogComponentString(s.rowIdPrefix, "Row ID prefix"));
        closeCurrentGroup();
        createNewGroup("Unreadable files");
        addDialogComponent(new DialogComponentStringSelection(s.badFiles.model(), "Files that cannot be read",
            s.badFiles.ids()));
        addDialogComponent(new DialogComponentNumber(s.maxMegapixels, "Largest image (megapixels)", 10));
        closeCurrentGroup();
    }
}
