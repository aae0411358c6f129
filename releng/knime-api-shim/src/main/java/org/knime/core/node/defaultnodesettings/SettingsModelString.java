package org.knime.core.node.defaultnodesettings;

import java.util.Objects;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** String setting (may be null), model type id "SMID_string" (shim). */
public class SettingsModelString extends SettingsModel {

    private final String m_configName;

    private String m_value;

    public SettingsModelString(final String configName, final String defaultValue) {
        m_configName = SettingsModelNumber.requireKey(configName);
        m_value = defaultValue;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelString createClone() {
        return new SettingsModelString(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_string";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            setStringValue(settings.getString(m_configName, m_value));
        } finally {
            notifyChangeListeners();
        }
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveSettingsForModel(settings);
    }

    public void setStringValue(final String newValue) {
        if (!Objects.equals(newValue, m_value)) {
            m_value = newValue;
            notifyChangeListeners();
        }
    }

    public String getStringValue() {
        return m_value;
    }

    /** The value with Java escape sequences (\t, \n, \\, \\uXXXX, ...) resolved. */
    public String getJavaUnescapedStringValue() {
        if (m_value == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < m_value.length(); i++) {
            char c = m_value.charAt(i);
            if (c != '\\' || i + 1 >= m_value.length()) {
                b.append(c);
                continue;
            }
            char n = m_value.charAt(++i);
            switch (n) {
                case 't' -> b.append('\t');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 < m_value.length() && m_value.substring(i + 1, i + 5)
                        .matches("[0-9a-fA-F]{4}")) {
                        b.append((char)Integer.parseInt(m_value.substring(i + 1, i + 5), 16));
                        i += 4;
                    } else {
                        b.append('\\').append(n);
                    }
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        settings.getString(m_configName);
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        setStringValue(settings.getString(m_configName));
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addString(m_configName, m_value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }

    public String getKey() {
        return m_configName;
    }
}
