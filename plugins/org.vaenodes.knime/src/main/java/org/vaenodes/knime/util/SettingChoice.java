package org.vaenodes.knime.util;

import java.util.Arrays;
import java.util.Locale;

import org.knime.core.node.InvalidSettingsException;

/**
 * A choice of a node's own, implemented by an enum (an engine enum — activation, likelihood, trainer — is used as it
 * is, with labels given where it is declared, see {@link ChoiceSetting#of(String, Enum, java.util.function.Function)})
 * — stored as a short id (what a flow variable or a batch {@code -option} sets) rather than as a
 * display label that might change. The id follows from the constant's name ({@link #idOf}), so renaming a constant
 * changes what saved workflows hold: SettingChoiceIdsTest pins every id.
 */
public interface SettingChoice {

    /** This choice's id ({@link #idOf}). */
    default String id() {
        return idOf((Enum<?>) this);
    }

    /** What the dialog shows for this choice. */
    String label();

    /** The value written to the settings: the constant's name in lower case, '-' for '_' (OUTPUT_MISSING → output-missing). */
    static String idOf(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** All ids of a choice enum, in declaration order (for dialogs and messages). */
    static String[] ids(Enum<?>[] values) {
        return Arrays.stream(values).map(SettingChoice::idOf).toArray(String[]::new);
    }

    /** Parses an id, naming the setting and the allowed ids when it is unknown. */
    static <E extends Enum<E>> E parse(E[] values, String id, String settingKey)
        throws InvalidSettingsException {
        for (E v : values) {
            if (idOf(v).equals(id)) {
                return v;
            }
        }
        throw new InvalidSettingsException("Setting '" + settingKey + "' has unknown value '" + id
            + "'; expected one of " + String.join(", ", ids(values)) + ".");
    }
}
