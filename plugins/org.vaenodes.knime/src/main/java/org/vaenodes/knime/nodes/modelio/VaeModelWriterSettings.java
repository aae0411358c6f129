package org.vaenodes.knime.nodes.modelio;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.knime.util.NodeSettingsGroup;

/** Settings of the VAE Model Writer: where to write and whether an existing file may be replaced. */
final class VaeModelWriterSettings extends NodeSettingsGroup {

    static final String CFG_FILE = "file";
    static final String CFG_OVERWRITE = "overwrite";

    final SettingsModelString file = new SettingsModelString(CFG_FILE, "");
    final SettingsModelBoolean overwrite = new SettingsModelBoolean(CFG_OVERWRITE, false);

    VaeModelWriterSettings() {
        super(VaeModelWriterSettings::new);
    }

    @Override
    protected List<SettingsModel> models() {
        return List.of(file, overwrite);
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
