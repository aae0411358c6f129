package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** Integer setting, model type id "SMID_integer" (shim). */
public class SettingsModelInteger extends SettingsModelNumber {

    private final String m_configName;

    private int m_value;

    public SettingsModelInteger(final String configName, final int defaultValue) {
        m_configName = requireKey(configName);
        m_value = defaultValue;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelInteger createClone() {
        return new SettingsModelInteger(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_integer";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    public void setIntValue(final int newValue) {
        if (newValue != m_value) {
            m_value = newValue;
            notifyChangeListeners();
        }
    }

    public int getIntValue() {
        return m_value;
    }

    @Override
    String getNumberValueStr() {
        return Integer.toString(m_value);
    }

    @Override
    void setNumberValueStr(final String newValueStr) {
        setIntValue(Integer.parseInt(newValueStr.trim()));
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            setIntValue(settings.getInt(m_configName, m_value));
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
        validateValue(settings.getInt(m_configName));
    }

    protected void validateValue(final int value) throws InvalidSettingsException {
        // no restriction
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        try {
            setIntValue(settings.getInt(m_configName));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addInt(m_configName, m_value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }

    public String getKey() {
        return m_configName;
    }
}
