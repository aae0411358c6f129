package org.knime.core.node.defaultnodesettings;

import java.awt.Component;
import java.util.ArrayList;
import java.util.List;

import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JPanel;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** Dialog made of dialog components laid out top to bottom, optionally in tabs and groups (shim). */
public class DefaultNodeSettingsPane extends NodeDialogPane {

    private static final String DEFAULT_TAB = "Options";

    private final List<DialogComponent> m_components = new ArrayList<>();

    private JPanel m_tab;

    private String m_defaultTitle = DEFAULT_TAB;

    private JPanel m_group;

    private boolean m_horizontal;

    private Box m_row;

    public DefaultNodeSettingsPane() {
        m_tab = newPanel();
        addTab(DEFAULT_TAB, m_tab);
    }

    private static JPanel newPanel() {
        JPanel p = new JPanel();
        p.setLayout(new BoxLayout(p, BoxLayout.Y_AXIS));
        return p;
    }

    public void setDefaultTabTitle(final String tabTitle) {
        renameTab(m_defaultTitle, tabTitle);
        m_defaultTitle = tabTitle;
    }

    public void createNewTabAt(final String tabTitle, final int index) {
        closeCurrentGroup();
        m_tab = newPanel();
        addTabAt(index, tabTitle, m_tab);
    }

    public void createNewTab(final String tabTitle) {
        createNewTabAt(tabTitle, Integer.MAX_VALUE);
    }

    public void selectTab(final String tabTitle) {
        setSelected(tabTitle);
    }

    public void createNewGroup(final String title) {
        closeCurrentGroup();
        m_group = newPanel();
        m_group.setBorder(BorderFactory.createTitledBorder(title));
        m_tab.add(m_group);
    }

    public void closeCurrentGroup() {
        m_row = null;
        m_group = null;
    }

    public void addDialogComponent(final DialogComponent diaC) {
        m_components.add(diaC);
        JPanel target = m_group != null ? m_group : m_tab;
        Component c = diaC.getComponentPanel();
        if (m_horizontal) {
            if (m_row == null) {
                m_row = Box.createHorizontalBox();
                target.add(m_row);
            }
            m_row.add(c);
        } else {
            target.add(c);
        }
    }

    public void setHorizontalPlacement(final boolean horizontal) {
        m_horizontal = horizontal;
        m_row = null;
    }

    @Override
    public final void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        for (DialogComponent c : m_components) {
            c.loadSettingsFrom(settings, specs);
        }
        loadAdditionalSettingsFrom(settings, specs);
    }

    @Override
    public final void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        for (DialogComponent c : m_components) {
            c.saveSettingsTo(settings);
        }
        saveAdditionalSettingsTo(settings);
    }

    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        DataTableSpec[] tables = new DataTableSpec[specs.length];
        for (int i = 0; i < specs.length; i++) {
            if (specs[i] == null) {
                tables[i] = new DataTableSpec();
            } else if (specs[i] instanceof DataTableSpec t) {
                tables[i] = t;
            } else {
                return; // not all ports are tables: the table variant is not called
            }
        }
        loadAdditionalSettingsFrom(settings, tables);
    }

    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final DataTableSpec[] specs)
        throws NotConfigurableException {
        // hook for subclasses
    }

    public void saveAdditionalSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        // hook for subclasses
    }
}
