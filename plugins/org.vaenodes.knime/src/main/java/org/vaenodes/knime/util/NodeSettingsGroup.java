package org.vaenodes.knime.util;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.defaultnodesettings.SettingsModel;

/**
 * The settings of one node: its declared {@link Setting}s, saved, validated and loaded together, plus the node's own
 * cross-field rules. Each node's Settings class declares its settings (in the order they are saved) and rules; the
 * plumbing is here once.
 */
public abstract class NodeSettingsGroup {

    private final List<Setting<?>> declared = new ArrayList<>();
    private final List<ChoiceSetting<?>> choices = new ArrayList<>();

    /** Makes a new instance holding the defaults, used to validate settings without touching this one. */
    private final Supplier<? extends NodeSettingsGroup> defaults;
    /** The specs at the node's inputs while its dialog is open (null: unconnected); empty elsewhere. */
    private PortObjectSpec[] inputSpecs = new PortObjectSpec[0];

    /** @param defaults the settings class's constructor, e.g. {@code MySettings::new} */
    protected NodeSettingsGroup(Supplier<? extends NodeSettingsGroup> defaults) {
        this.defaults = defaults;
    }

    /** Declares a setting (in field order: the order of saving); returns its model. */
    protected final <M extends SettingsModel> M declare(Setting<M> setting) {
        declared.add(setting);
        return setting.model();
    }

    /** Declares a choice setting; returns it. */
    protected final <E extends Enum<E>> ChoiceSetting<E> declare(ChoiceSetting<E> choice) {
        declared.add(choice.setting());
        choices.add(choice);
        return choice;
    }

    /** Every declared setting, in order. */
    public final List<Setting<?>> settings() {
        return Collections.unmodifiableList(declared);
    }

    /**
     * The declared settings by section, sections in the order they first appear, settings in declaration order: how
     * the dialog and the node description show them.
     */
    public final Map<String, List<Setting<?>>> sections() {
        Map<String, List<Setting<?>>> sections = new LinkedHashMap<>();
        for (Setting<?> s : declared) {
            sections.computeIfAbsent(s.section(), k -> new ArrayList<>()).add(s);
        }
        return sections;
    }

    /** Whether the dialog shows the sections as tabs (else as groups on one tab). */
    public boolean sectionsAsTabs() {
        return false;
    }

    /** Rules that span settings or parse text; run when validating and again at configure time. */
    public void checkConsistent() throws InvalidSettingsException {
        // no cross-field rules unless a node has some
    }

    public final void saveSettingsTo(NodeSettingsWO settings) {
        for (Setting<?> s : declared) {
            s.model().saveSettingsTo(settings);
        }
    }

    /** Checks each value and the combination, without changing this object. */
    public final void validateSettings(NodeSettingsRO settings) throws InvalidSettingsException {
        for (Setting<?> s : declared) {
            if (isPresent(s, settings)) {
                s.model().validateSettings(settings);
            }
        }
        NodeSettingsGroup probe = defaults.get();
        probe.loadValidatedSettingsFrom(settings);
        probe.checkConsistent();
    }

    /** Loads every setting; one added after the release that saved the workflow keeps its default. */
    public final void loadValidatedSettingsFrom(NodeSettingsRO settings) throws InvalidSettingsException {
        for (Setting<?> s : declared) {
            if (isPresent(s, settings)) {
                s.model().loadSettingsFrom(settings);
            }
        }
    }

    /** Enables the settings that apply with the current values and disables the others (dialogs). */
    /** The dialog's inputs, as KNIME passes them when it opens the dialog: whether a setting applies may depend on them. */
    final void dialogInputs(PortObjectSpec[] specs) {
        inputSpecs = specs == null ? new PortObjectSpec[0] : specs.clone();
    }

    /** Whether the dialog's node has something connected at data input {@code port} (false outside a dialog). */
    protected final boolean inputConnected(int port) {
        return port < inputSpecs.length && inputSpecs[port] != null;
    }

    public final void enableWhatApplies() {
        for (Setting<?> s : declared) {
            s.model().setEnabled(s.applies());
        }
        choices.forEach(ChoiceSetting::refreshChoices);
    }

    private static boolean isPresent(Setting<?> s, NodeSettingsRO settings) {
        return !s.addedLater() || settings.containsKey(s.key());
    }
}
