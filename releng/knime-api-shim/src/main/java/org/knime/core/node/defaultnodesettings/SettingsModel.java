package org.knime.core.node.defaultnodesettings;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.config.Config;
import org.knime.core.node.port.PortObjectSpec;

/**
 * One setting with its value, enabled state and change listeners (shim). Next to its value every model writes a
 * sub-config {@code <configName>_Internals} holding "SettingsModelID" and "EnabledStatus"; reading tolerates a
 * missing sub-config.
 */
public abstract class SettingsModel {

    public static final String CFGKEY_INTERNAL = "_Internals";

    private static final String CFGKEY_MODELID = "SettingsModelID";

    private static final String CFGKEY_ENABLESTAT = "EnabledStatus";

    private final List<ChangeListener> m_listeners = new CopyOnWriteArrayList<>();

    private boolean m_enabled = true;

    public SettingsModel() {
    }

    public final <T extends SettingsModel> T createCloneWithValidatedValue(final NodeSettingsRO settings)
        throws InvalidSettingsException {
        T clone = createClone();
        clone.loadSettingsFrom(settings);
        return clone;
    }

    protected abstract <T extends SettingsModel> T createClone();

    protected abstract String getModelTypeID();

    protected abstract String getConfigName();

    protected abstract void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException;

    protected abstract void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException;

    public void addChangeListener(final ChangeListener l) {
        if (!m_listeners.contains(l)) {
            m_listeners.add(l);
        }
    }

    protected void prependChangeListener(final ChangeListener l) {
        if (!m_listeners.contains(l)) {
            m_listeners.add(0, l);
        }
    }

    public void removeChangeListener(final ChangeListener l) {
        m_listeners.remove(l);
    }

    protected void notifyChangeListeners() {
        ChangeEvent e = new ChangeEvent(this);
        for (ChangeListener l : m_listeners) {
            l.stateChanged(e);
        }
    }

    public void setEnabled(final boolean enabled) {
        if (m_enabled != enabled) {
            m_enabled = enabled;
            notifyChangeListeners();
        }
    }

    public boolean isEnabled() {
        return m_enabled;
    }

    public final void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        Boolean stored = readEnabledStatus(settings);
        if (stored == null || stored) {
            validateSettingsForModel(settings);
        }
    }

    protected abstract void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException;

    public final void loadSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        Boolean stored = readEnabledStatus(settings);
        if (stored != null) {
            m_enabled = stored;
        }
        try {
            loadSettingsForModel(settings);
        } catch (InvalidSettingsException e) {
            if (m_enabled) {
                throw e;
            }
        }
    }

    protected abstract void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException;

    public final void saveSettingsTo(final NodeSettingsWO settings) {
        writeInternals(settings);
        saveSettingsForModel(settings);
    }

    protected abstract void saveSettingsForModel(final NodeSettingsWO settings);

    /** Dialog side: load the value (keeping the old one where invalid) and the enabled state. */
    final void dialogLoadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        Boolean stored;
        try {
            stored = readEnabledStatus(settings);
        } catch (InvalidSettingsException e) {
            stored = null;
        }
        loadSettingsForDialog(settings, specs);
        if (stored != null) {
            setEnabled(stored);
        }
    }

    /** Dialog side: write the value and the internals. */
    final void dialogSaveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        writeInternals(settings);
        saveSettingsForDialog(settings);
    }

    private void writeInternals(final NodeSettingsWO settings) {
        Config internals = settings.addConfig(getConfigName() + CFGKEY_INTERNAL);
        internals.addString(CFGKEY_MODELID, getModelTypeID());
        internals.addBoolean(CFGKEY_ENABLESTAT, m_enabled);
    }

    /** @return the stored enabled state, or null if the settings have no internals sub-config */
    private Boolean readEnabledStatus(final NodeSettingsRO settings) throws InvalidSettingsException {
        String key = getConfigName() + CFGKEY_INTERNAL;
        if (!settings.containsKey(key)) {
            return null;
        }
        Config internals = settings.getConfig(key);
        String id = internals.getString(CFGKEY_MODELID);
        if (!getModelTypeID().equals(id)) {
            throw new InvalidSettingsException("Setting \"" + getConfigName() + "\" was written by a " + id
                + " model but is read by a " + getModelTypeID() + " model");
        }
        return internals.getBoolean(CFGKEY_ENABLESTAT);
    }

    @Override
    public abstract String toString();
}
