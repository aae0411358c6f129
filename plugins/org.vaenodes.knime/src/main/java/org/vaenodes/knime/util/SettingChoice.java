package org.vaenodes.knime.util;

import java.util.Arrays;

import org.knime.core.node.InvalidSettingsException;

/**
 * A choice setting stored as a short, stable id (what a flow variable or a batch {@code -option} sets), rather
 * than as an enum name or a display label that might change.
 */
public interface SettingChoice {

    /** The value written to the settings. */
    String id();

    /** All ids of a choice enum, in declaration order (for dialogs and messages). */
    static String[] ids(SettingChoice[] values) {
        return Arrays.stream(values).map(SettingChoice::id).toArray(String[]::new);
    }

    /** Parses an id, naming the setting and the allowed ids when it is unknown. */
    static <E extends SettingChoice> E parse(E[] values, String id, String settingKey)
        throws InvalidSettingsException {
        for (E v : values) {
            if (v.id().equals(id)) {
                return v;
            }
        }
        throw new InvalidSettingsException("Setting '" + settingKey + "' has unknown value '" + id
            + "'; expected one of " + String.join(", ", ids(values)) + ".");
    }
}
