package org.knime.core.node.defaultnodesettings;

import java.util.Objects;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A column name or the row ID (shim). Stored as a sub-config named after the config name holding "useRowID"
 * (boolean) and "columnName" (string); model type id "SMID_string" as for its superclass.
 */
public class SettingsModelColumnName extends SettingsModelString {

    private static final String KEY_COLUMN = "columnName";

    private static final String KEY_ROWID = "useRowID";

    private final String m_configName;

    private boolean m_useRowID;

    public SettingsModelColumnName(final String configName, final String defaultValue) {
        super(KEY_COLUMN, defaultValue);
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_configName = configName;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelColumnName createClone() {
        SettingsModelColumnName c = new SettingsModelColumnName(m_configName, getStringValue());
        c.m_useRowID = m_useRowID;
        return c;
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    /** Sets column name and row-ID flag, notifying listeners once if anything changed. */
    public void setSelection(final String columnName, final boolean useRowID) {
        boolean rowIdChanged = m_useRowID != useRowID;
        m_useRowID = useRowID;
        boolean nameChanged = !Objects.equals(columnName, getStringValue());
        setStringValue(columnName); // notifies if the name changed
        if (rowIdChanged && !nameChanged) {
            notifyChangeListeners();
        }
    }

    public boolean useRowID() {
        return m_useRowID;
    }

    public String getColumnName() {
        return getStringValue();
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        NodeSettingsRO sub = settings.getNodeSettings(m_configName);
        sub.getBoolean(KEY_ROWID);
        super.validateSettingsForModel(sub);
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveSettingsForModel(settings);
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        NodeSettingsWO sub = settings.addNodeSettings(m_configName);
        sub.addBoolean(KEY_ROWID, m_useRowID);
        super.saveSettingsForModel(sub);
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        try {
            NodeSettingsRO sub = settings.getNodeSettings(m_configName);
            setSelection(sub.getString(KEY_COLUMN, getStringValue()), sub.getBoolean(KEY_ROWID));
        } catch (InvalidSettingsException e) {
            // keep the current values
        }
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        NodeSettingsRO sub = settings.getNodeSettings(m_configName);
        boolean useRowID = sub.getBoolean(KEY_ROWID);
        String column = sub.getString(KEY_COLUMN);
        setSelection(column, useRowID);
    }
}
