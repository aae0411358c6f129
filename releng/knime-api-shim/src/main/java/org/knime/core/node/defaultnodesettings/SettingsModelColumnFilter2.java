package org.knime.core.node.defaultnodesettings;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.util.filter.NameFilterConfiguration.FilterResult;

/**
 * Column include/exclude filter setting, model type id "SMID_columnfilter" (shim). Stored as a sub-config named
 * after the config name in KNIME's column filter layout (see {@link ColumnFilterConfig}).
 */
public final class SettingsModelColumnFilter2 extends SettingsModel {

    private final ColumnFilterConfig m_config;

    private int m_inPort = -1;

    public SettingsModelColumnFilter2(final String configName) {
        this(new ColumnFilterConfig(configName, null, true, true));
    }

    @SuppressWarnings("unchecked")
    public SettingsModelColumnFilter2(final String configName, final Class<? extends DataValue>... allowedTypes) {
        this(new ColumnFilterConfig(configName, classes(allowedTypes), true, false));
    }

    private SettingsModelColumnFilter2(final ColumnFilterConfig config) {
        m_config = config;
    }

    private static Class<? extends DataValue>[] classes(final Class<? extends DataValue>[] allowedTypes) {
        if (allowedTypes == null) {
            throw new NullPointerException("Classes must not be null");
        }
        return allowedTypes;
    }

    @SuppressWarnings("unchecked")
    @Override
    protected SettingsModelColumnFilter2 createClone() {
        SettingsModelColumnFilter2 c = new SettingsModelColumnFilter2(m_config.copy());
        c.m_inPort = m_inPort;
        return c;
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_columnfilter";
    }

    @Override
    protected String getConfigName() {
        return m_config.root();
    }

    /** Includes every (type compatible) column of the spec; columns appearing later are included too. */
    public void loadDefaults(final DataTableSpec spec) {
        m_config.loadDefaults(spec);
    }

    public FilterResult applyTo(final DataTableSpec inSpec) {
        return m_config.applyTo(inSpec);
    }

    /** Called by the dialog component: the input port whose spec the dialog side filters. */
    void setInputPortIndex(final int inPort) {
        m_inPort = inPort;
    }

    int inputPortIndex() {
        return m_inPort;
    }

    /** A copy of the current state (dialog component side). */
    ColumnFilterConfig config() {
        return m_config.copy();
    }

    /** Replaces the state, notifying listeners if it changed (dialog component side). */
    void setConfig(final ColumnFilterConfig conf) {
        if (!conf.equals(m_config)) {
            m_config.copyStateFrom(conf);
            notifyChangeListeners();
        }
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        if (m_inPort < 0) {
            throw new NotConfigurableException("No DialogComponentColumnFilter2 is attached to " + this);
        }
        if (specs == null || m_inPort >= specs.length) {
            throw new NotConfigurableException("Specified port index is out of bounds");
        }
        if (specs[m_inPort] != null && !(specs[m_inPort] instanceof DataTableSpec)) {
            throw new NotConfigurableException("Input port " + m_inPort + " does not hold a data table");
        }
        DataTableSpec spec = specs[m_inPort] == null ? new DataTableSpec() : (DataTableSpec)specs[m_inPort];
        ColumnFilterConfig before = m_config.copy();
        m_config.loadInDialog(settings, spec);
        if (!before.equals(m_config)) {
            notifyChangeListeners();
        }
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        m_config.save(settings);
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        m_config.copy().loadInModel(settings);
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        ColumnFilterConfig before = m_config.copy();
        m_config.loadInModel(settings);
        if (!before.equals(m_config)) {
            notifyChangeListeners();
        }
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        m_config.save(settings);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " - Port:" + m_inPort + "(" + m_config.root() + ")";
    }
}
