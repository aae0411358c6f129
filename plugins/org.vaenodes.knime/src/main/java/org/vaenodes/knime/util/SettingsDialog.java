package org.vaenodes.knime.util;

import java.util.List;
import java.util.Map;

import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.port.PortObjectSpec;

/**
 * The dialog of a node: its declared settings, each with its editor and label, one tab or group per section (none if
 * there is only one); a setting that does not apply with the others' values is disabled as soon as they change.
 */
public final class SettingsDialog extends DefaultNodeSettingsPane {

    private final NodeSettingsGroup settings;

    public SettingsDialog(NodeSettingsGroup settings) {
        this.settings = settings;
        Map<String, List<Setting<?>>> sections = settings.sections();
        boolean first = true;
        for (Map.Entry<String, List<Setting<?>>> section : sections.entrySet()) {
            if (sections.size() > 1) {
                if (!settings.sectionsAsTabs()) {
                    createNewGroup(section.getKey());
                } else if (first) {
                    setDefaultTabTitle(section.getKey());
                } else {
                    createNewTab(section.getKey());
                }
            }
            section.getValue().forEach(s -> addDialogComponent(s.createEditor()));
            if (sections.size() > 1 && !settings.sectionsAsTabs()) {
                closeCurrentGroup();
            }
            first = false;
        }
        for (Setting<?> s : settings.settings()) {
            s.model().addChangeListener(e -> settings.enableWhatApplies());
        }
        settings.enableWhatApplies();
    }

    /** After the settings are loaded: what applies may also depend on what is connected (e.g. a starting model). */
    @Override
    public void loadAdditionalSettingsFrom(NodeSettingsRO loaded, PortObjectSpec[] specs)
        throws NotConfigurableException {
        settings.dialogInputs(specs);
        settings.enableWhatApplies();
    }
}
