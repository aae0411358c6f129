package org.vaenodes.knime.nodes.modelio;

import javax.swing.JFileChooser;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.Setting;

/** Settings of the VAE Model Writer: where to write and whether an existing file may be replaced. */
final class VaeModelWriterSettings extends NodeSettingsGroup {

    static final String CFG_FILE = "file";
    static final String CFG_OVERWRITE = "overwrite";

    final SettingsModelString file = declare(Setting.file(CFG_FILE, "vaenodes.model.file", JFileChooser.SAVE_DIALOG,
        ".zip")
        .label("File")
        .description("Where to write the model (.zip): a local path, a <tt>file:</tt> URL or a <tt>knime://</tt> URL "
            + "(e.g. <tt>knime://knime.workflow/model.zip</tt>). Missing folders are created."));

    final SettingsModelBoolean overwrite = declare(Setting.flag(CFG_OVERWRITE, false)
        .label("Overwrite an existing file")
        .description("Replace the file if it exists (default: off, and the node then fails rather than replace it)."));

    VaeModelWriterSettings() {
        super(VaeModelWriterSettings::new);
    }

    /**
     * A file must be set before the node can run. Checked at configure, not when settings are loaded: a workflow may
     * set the file through a flow variable, and KNIME loads the saved settings before it applies variables.
     */
    void requireFile() throws InvalidSettingsException {
        if (file.getStringValue().isBlank()) {
            throw new InvalidSettingsException("No file is set (" + CFG_FILE + "): choose where to write the model "
                + "(.zip).");
        }
    }
}
