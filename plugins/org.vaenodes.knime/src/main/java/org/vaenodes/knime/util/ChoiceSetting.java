package org.vaenodes.knime.util;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * A choice setting: a string settings model holding one of an enum's ids (what dialogs, flow variables and batch
 * options set) and the enum value it stands for.
 *
 * @param <E> the choices
 */
public final class ChoiceSetting<E extends Enum<E>> {

    private final String key;
    private final Class<E> choices;
    private final SettingsModelString model;

    public ChoiceSetting(String key, E defaultChoice) {
        this.key = key;
        this.choices = defaultChoice.getDeclaringClass();
        this.model = new SettingsModelString(key, SettingChoice.idOf(defaultChoice));
    }

    /** The settings model, for the node's settings list and its dialog. */
    public SettingsModelString model() {
        return model;
    }

    /** Every choice's id, in declaration order (for the dialog's list). */
    public String[] ids() {
        return SettingChoice.ids(choices.getEnumConstants());
    }

    /** The chosen value; an unknown id is an error naming the setting and the known ids. */
    public E value() throws InvalidSettingsException {
        return SettingChoice.parse(choices.getEnumConstants(), model.getStringValue(), key);
    }
}
