package org.vaenodes.knime.nodes.modelio;

import javax.swing.JFileChooser;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.Setting;

/**
 * Settings of the VAE Model Reader: the file, and what a DL4J-made file cannot say (the input column, the image
 * shape); empty / 0 keep what the file says or what is inferred from it.
 */
final class VaeModelReaderSettings extends NodeSettingsGroup {

    static final String CFG_FILE = "file";
    static final String CFG_LIST_COLUMN = "list_column";
    static final String CFG_IMAGE_ROWS = "image_rows";
    static final String CFG_IMAGE_COLS = "image_cols";

    private static final String INPUT = "Input (for files that do not say)";

    final SettingsModelString file = declare(Setting.file(CFG_FILE, "vaenodes.model.file", JFileChooser.OPEN_DIALOG,
        ".zip")
        .label("File").section("File")
        .description("The model file (.zip): a local path, a <tt>file:</tt> URL or a <tt>knime://</tt> URL."));

    final SettingsModelString listColumn = declare(Setting.text(CFG_LIST_COLUMN, "", 20)
        .label("Input list column").section(INPUT)
        .description("The list column of the input table that holds one row's input values (empty, the default: "
            + "as the file says, or <i>Pixels</i> for a DL4J-made file)."));

    final SettingsModelIntegerBounded imageRows = declare(Setting.integer(CFG_IMAGE_ROWS, 0, 0, 1 << 20, 1)
        .label("Image height").section(INPUT)
        .description("Image height in pixels (0, the default: as the file says or inferred). Height × width must "
            + "equal the model's input size (grey images) or a third of it (RGB images, channels interleaved per "
            + "pixel)."));

    final SettingsModelIntegerBounded imageCols = declare(Setting.integer(CFG_IMAGE_COLS, 0, 0, 1 << 20, 1)
        .label("Image width").section(INPUT)
        .description("Image width in pixels (0, the default: as the file says or inferred)."));

    VaeModelReaderSettings() {
        super(VaeModelReaderSettings::new);
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
