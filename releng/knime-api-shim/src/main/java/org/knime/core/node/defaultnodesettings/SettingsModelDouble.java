package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** Double setting, model type id "SMID_double" (shim). */
public class SettingsModelDouble extends SettingsModelNumber {

    private final String m_configName;

    private double m_value;

    public SettingsModelDouble(final String configName, final double defaultValue) {
        m_configName = requireKey(configName);
        m_value = defaultValue;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelDouble createClone() {
        return new SettingsModelDouble(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_double";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    public void setDoubleValue(final double newValue) {
        if (Double.compare(newValue, m_value) != 0) {
            m_value = newValue;
            notifyChangeListeners();
        }
    }

    public double getDoubleValue() {
        return m_value;
    }

    @Override
    String getNumberValueStr() {
        return Double.toString(m_value);
    }

    @Override
    void setNumberValueStr(final String newValueStr) {
        setDoubleValue(Double.parseDouble(newValueStr.trim()));
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            setDoubleValue(settings.getDouble(m_configName, m_value));
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
        validateValue(settings.getDouble(m_configName));
    }

    protected void validateValue(final double value) throws InvalidSettingsException {
        // no restriction
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        try {
            setDoubleValue(settings.getDouble(m_configName));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addDouble(m_configName, m_value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }

    public String getKey() {
        return m_configName;
    }
}
