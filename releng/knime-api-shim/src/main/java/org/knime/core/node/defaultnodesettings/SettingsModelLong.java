package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** Long setting, model type id "SMN_long" (shim). */
public class SettingsModelLong extends SettingsModelNumber {

    private final String m_configName;

    private long m_value;

    public SettingsModelLong(final String configName, final long defaultValue) {
        m_configName = requireKey(configName);
        m_value = defaultValue;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelLong createClone() {
        return new SettingsModelLong(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMN_long";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    public void setLongValue(final long newValue) {
        if (newValue != m_value) {
            m_value = newValue;
            notifyChangeListeners();
        }
    }

    public long getLongValue() {
        return m_value;
    }

    @Override
    String getNumberValueStr() {
        return Long.toString(m_value);
    }

    @Override
    void setNumberValueStr(final String newValueStr) {
        setLongValue(Long.parseLong(newValueStr.trim()));
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            setLongValue(settings.getLong(m_configName, m_value));
        } catch (IllegalArgumentException e) {
            // keep the current value
        } finally {
            notifyChangeListeners();
        }
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveSettingsForModel(settings);
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        validateValue(settings.getLong(m_configName));
    }

    protected void validateValue(final long value) throws InvalidSettingsException {
        // no restriction
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        try {
            setLongValue(settings.getLong(m_configName));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addLong(m_configName, m_value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }
}
