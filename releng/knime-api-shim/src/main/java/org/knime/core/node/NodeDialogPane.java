package org.knime.core.node;

import java.awt.BorderLayout;
import java.awt.Component;
import java.util.ArrayList;
import java.util.List;

import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObjectSpec;

/** Swing dialog of a node: a panel with tabs (shim; constructible headless, never shown). */
public abstract class NodeDialogPane {

    private final JPanel m_panel = new JPanel(new BorderLayout());

    private final JTabbedPane m_tabs = new JTabbedPane();

    protected NodeDialogPane() {
        m_panel.add(m_tabs, BorderLayout.CENTER);
    }

    protected final NodeLogger getLogger() {
        return NodeLogger.getLogger(getClass());
    }

    public final JPanel getPanel() {
        return m_panel;
    }

    protected void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        DataTableSpec[] tableSpecs = new DataTableSpec[specs.length];
        for (int i = 0; i < specs.length; i++) {
            if (specs[i] != null && !(specs[i] instanceof DataTableSpec)) {
                throw new NotConfigurableException("Input port " + i + " does not hold a data table spec; override"
                    + " the PortObjectSpec variant of loadSettingsFrom()");
            }
            tableSpecs[i] = (DataTableSpec)specs[i];
        }
        loadSettingsFrom(settings, tableSpecs);
    }

    protected void loadSettingsFrom(final NodeSettingsRO settings, final DataTableSpec[] specs)
        throws NotConfigurableException {
        throw new NotConfigurableException("NodeDialogPane.loadSettingsFrom() is not implemented");
    }

    public void onCancel() {
    }

    public void onClose() {
    }

    public void onOpen() {
    }

    protected abstract void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException;

    public final void finishEditingAndSaveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveSettingsTo(settings);
    }

    protected final void addTab(final String title, final Component comp) {
        addTab(title, comp, true);
    }

    protected final void addTab(final String title, final Component comp, final boolean wrapInScrollPane) {
        addTabAt(m_tabs.getTabCount(), title, comp, wrapInScrollPane);
    }

    protected final int addTabAt(final int index, final String title, final Component comp) {
        return addTabAt(index, title, comp, true);
    }

    protected final int addTabAt(final int index, final String title, final Component comp,
        final boolean wrapInScrollPane) {
        if (getTabIndex(title) >= 0) {
            throw new IllegalArgumentException("A tab named \"" + title + "\" already exists");
        }
        int i = Math.max(0, Math.min(index, m_tabs.getTabCount()));
        m_tabs.insertTab(title, null, wrapInScrollPane ? new JScrollPane(comp) : comp, null, i);
        return i;
    }

    protected final void renameTab(final String oldName, final String newName) {
        int i = getTabIndex(oldName);
        if (i >= 0) {
            m_tabs.setTitleAt(i, newName);
        }
    }

    protected final void setEnabled(final boolean enabled, final String tabTitle) {
        int i = getTabIndex(tabTitle);
        if (i >= 0) {
            m_tabs.setEnabledAt(i, enabled);
        }
    }

    protected final boolean setSelected(final String tabTitle) {
        int i = getTabIndex(tabTitle);
        if (i >= 0) {
            m_tabs.setSelectedIndex(i);
        }
        return i >= 0;
    }

    protected final Component getTab(final String title) {
        int i = getTabIndex(title);
        if (i < 0) {
            return null;
        }
        Component c = m_tabs.getComponentAt(i);
        return c instanceof JScrollPane sp ? sp.getViewport().getView() : c;
    }

    protected final void removeTab(final String name) {
        int i = getTabIndex(name);
        if (i >= 0) {
            m_tabs.removeTabAt(i);
        }
    }

    protected final int getTabIndex(final String title) {
        return m_tabs.indexOfTab(title);
    }

    protected final List<String> getTabTitles() {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < m_tabs.getTabCount(); i++) {
            r.add(m_tabs.getTitleAt(i));
        }
        return r;
    }
}
