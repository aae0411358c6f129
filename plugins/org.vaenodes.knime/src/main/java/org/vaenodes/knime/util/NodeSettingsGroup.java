package org.vaenodes.knime.util;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;

/**
 * The settings of one node as a group of KNIME settings models: saving, validating and loading them all, plus the
 * node's own cross-field rules. Each node's Settings class lists its models and rules; the plumbing is here once.
 */
public abstract class NodeSettingsGroup {

    /** Every settings model of the node, in the order they are saved. */
    protected abstract List<SettingsModel> models();

    /**
     * Settings added after the first release, by key: workflows saved before they existed do not have them, so
     * when such a key is absent the model keeps its default instead of failing the load.
     */
    protected Map<String, SettingsModel> addedLater() {
        return Map.of();
    }

    /** Makes a new instance holding the defaults, used to validate settings without touching this one. */
    private final Supplier<? extends NodeSettingsGroup> defaults;

    /** @param defaults the settings class's constructor, e.g. {@code MySettings::new} */
    protected NodeSettingsGroup(Supplier<? extends NodeSettingsGroup> defaults) {
        this.defaults = defaults;
    }

    /** Rules that span settings or parse text; run when validating and again at configure time. */
    public void checkConsistent() throws InvalidSettingsException {
        // no cross-field rules unless a node has some
    }

    public final void saveSettingsTo(NodeSettingsWO settings) {
        for (SettingsModel m : models()) {
            m.saveSettingsTo(settings);
        }
    }

    /** Checks each value and the combination, without changing this object. */
    public final void validateSettings(NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : models()) {
            if (isPresent(m, settings)) {
                m.validateSettings(settings);
            }
        }
        NodeSettingsGroup probe = defaults.get();
        probe.loadValidatedSettingsFrom(settings);
        probe.checkConsistent();
    }

    public final void loadValidatedSettingsFrom(NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : models()) {
            if (isPresent(m, settings)) {
                m.loadSettingsFrom(settings);
            }
        }
    }

    private boolean isPresent(SettingsModel m, NodeSettingsRO settings) {
        return addedLater().entrySet().stream()
            .noneMatch(e -> e.getValue() == m && !settings.containsKey(e.getKey()));
    }
}
