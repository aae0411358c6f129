package org.vaenodes.knime.nodes.imagereader;

import org.vaenodes.knime.util.DialogNodeFactory;

/** Factory of the Image Folder Reader node; its description is ImageFolderReaderNodeFactory.xml next to this class. */
public final class ImageFolderReaderNodeFactory extends DialogNodeFactory<ImageFolderReaderNodeModel> {

    public ImageFolderReaderNodeFactory() {
        super(ImageFolderReaderNodeModel::new, ImageFolderReaderSettings::new);
    }
}
