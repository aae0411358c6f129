package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** Boolean setting, model type id "SMID_boolean" (shim). */
public class SettingsModelBoolean extends SettingsModel {

    private final String m_configName;

    private boolean m_value;

    public SettingsModelBoolean(final String configName, final boolean defaultValue) {
        m_configName = SettingsModelNumber.requireKey(configName);
        m_value = defaultValue;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelBoolean createClone() {
        return new SettingsModelBoolean(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_boolean";
    }

    @Override
    public String getConfigName() {
        return m_configName;
    }

    public void setBooleanValue(final boolean newValue) {
        if (newValue != m_value) {
            m_value = newValue;
            notifyChangeListeners();
        }
    }

    public boolean getBooleanValue() {
        return m_value;
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            setBooleanValue(settings.getBoolean(m_configName, m_value));
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
        settings.getBoolean(m_configName);
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        setBooleanValue(settings.getBoolean(m_configName));
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addBoolean(m_configName, m_value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }
}
