package org.vaenodes.knime.nodes.modelio;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.knime.util.NodeSettingsGroup;

/**
 * Settings of the VAE Model Reader: the file, and what a DL4J-made file cannot say (the input column, the image
 * shape); empty / 0 keep what the file says or what is inferred from it.
 */
final class VaeModelReaderSettings extends NodeSettingsGroup {

    static final String CFG_FILE = "file";
    static final String CFG_LIST_COLUMN = "list_column";
    static final String CFG_IMAGE_ROWS = "image_rows";
    static final String CFG_IMAGE_COLS = "image_cols";

    final SettingsModelString file = new SettingsModelString(CFG_FILE, "");
    final SettingsModelString listColumn = new SettingsModelString(CFG_LIST_COLUMN, "");
    final SettingsModelIntegerBounded imageRows = new SettingsModelIntegerBounded(CFG_IMAGE_ROWS, 0, 0, 1 << 20);
    final SettingsModelIntegerBounded imageCols = new SettingsModelIntegerBounded(CFG_IMAGE_COLS, 0, 0, 1 << 20);

    VaeModelReaderSettings() {
        super(VaeModelReaderSettings::new);
    }

    @Override
    protected List<SettingsModel> models() {
        return List.of(file, listColumn, imageRows, imageCols);
    }

    /**
     * A file must be set before the node can run. Checked at configure, not when settings are loaded: a workflow may
     * set the file through a flow variable, and KNIME loads the saved settings before it applies variables.
     */
    void requireFile() throws InvalidSettingsException {
        if (file.getStringValue().isBlank()) {
            throw new InvalidSettingsException("No file is set (" + CFG_FILE + "): choose a VAE model file (.zip) "
                + "written by the VAE Model Writer or by DL4J's ModelSerializer.");
        }
    }

    @Override
    public void checkConsistent() throws InvalidSettingsException {
        if ((imageRows.getIntValue() == 0) != (imageCols.getIntValue() == 0)) {
            throw new InvalidSettingsException("Set both image height (" + CFG_IMAGE_ROWS + ") and width ("
                + CFG_IMAGE_COLS + "), or neither (0 = as in the file).");
        }
    }
}
