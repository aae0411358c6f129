package org.knime.core.node.defaultnodesettings;

/** Numeric settings model (shim); the dialog reads and writes the value as a string. */
public abstract class SettingsModelNumber extends SettingsModel {

    abstract String getNumberValueStr();

    abstract void setNumberValueStr(final String newValueStr);

    /** Lower and upper bound for the dialog's spinner, or null if unbounded. */
    Number lowerBound() {
        return null;
    }

    Number upperBound() {
        return null;
    }

    static String requireKey(final String configName) {
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        return configName;
    }
}
