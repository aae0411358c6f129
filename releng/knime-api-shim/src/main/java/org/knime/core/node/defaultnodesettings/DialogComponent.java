package org.knime.core.node.defaultnodesettings;

import javax.swing.JPanel;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A Swing component bound to a settings model (shim). */
public abstract class DialogComponent {

    private final SettingsModel m_model;

    private final JPanel m_panel = new JPanel();

    private PortObjectSpec[] m_lastSpecs;

    public DialogComponent(final SettingsModel model) {
        m_model = model;
        model.prependChangeListener(e -> {
            updateComponent();
            setEnabledComponents(model.isEnabled());
        });
    }

    public JPanel getComponentPanel() {
        return m_panel;
    }

    public final SettingsModel getModel() {
        return m_model;
    }

    protected final PortObjectSpec getLastTableSpec(final int portID) {
        return m_lastSpecs == null || portID < 0 || portID >= m_lastSpecs.length ? null : m_lastSpecs[portID];
    }

    protected final PortObjectSpec[] getLastTableSpecs() {
        return m_lastSpecs;
    }

    public final void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        m_lastSpecs = specs == null ? null : specs.clone();
        checkConfigurabilityBeforeLoad(specs);
        m_model.dialogLoadSettingsFrom(settings, specs);
        updateComponent();
        setEnabledComponents(m_model.isEnabled());
    }

    protected abstract void updateComponent();

    public final void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        validateSettingsBeforeSave();
        m_model.dialogSaveSettingsTo(settings);
    }

    protected abstract void validateSettingsBeforeSave() throws InvalidSettingsException;

    protected abstract void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs)
        throws NotConfigurableException;

    @Deprecated
    public final void setEnabled(final boolean enabled) {
        m_model.setEnabled(enabled);
    }

    protected abstract void setEnabledComponents(final boolean enabled);

    public abstract void setToolTipText(final String text);
}
