package org.knime.core.node.defaultnodesettings;

import java.awt.BorderLayout;
import java.awt.GridLayout;
import java.util.ArrayList;
import java.util.List;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.border.TitledBorder;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.util.filter.NameFilterConfiguration.FilterResult;

/**
 * Two lists (excluded, included columns) with buttons moving columns between them (shim). Only the manual
 * include/exclude mode is editable here; pattern and type modes stored in the settings are kept and displayed as
 * their result.
 */
public class DialogComponentColumnFilter2 extends DialogComponent {

    private final int m_inPort;

    private final DefaultListModel<String> m_includes = new DefaultListModel<>();

    private final DefaultListModel<String> m_excludes = new DefaultListModel<>();

    private final JList<String> m_includeList = new JList<>(m_includes);

    private final JList<String> m_excludeList = new JList<>(m_excludes);

    private final TitledBorder m_includeBorder = BorderFactory.createTitledBorder("Include");

    private final TitledBorder m_excludeBorder = BorderFactory.createTitledBorder("Exclude");

    private final List<JButton> m_buttons = new ArrayList<>();

    private boolean m_updating;

    public DialogComponentColumnFilter2(final SettingsModelColumnFilter2 model, final int inPortIdx) {
        this(model, inPortIdx, false);
    }

    public DialogComponentColumnFilter2(final SettingsModelColumnFilter2 model, final int inPortIdx,
        final boolean showSelectionListsOnly) {
        super(model);
        m_inPort = inPortIdx;
        model.setInputPortIndex(inPortIdx);
        JScrollPane ex = new JScrollPane(m_excludeList);
        ex.setBorder(m_excludeBorder);
        JScrollPane in = new JScrollPane(m_includeList);
        in.setBorder(m_includeBorder);
        JPanel buttons = new JPanel();
        buttons.setLayout(new BoxLayout(buttons, BoxLayout.Y_AXIS));
        addButton(buttons, ">>", () -> move(m_excludes, m_includes, allIndices(m_excludes)));
        addButton(buttons, ">", () -> move(m_excludes, m_includes, m_excludeList.getSelectedIndices()));
        addButton(buttons, "<", () -> move(m_includes, m_excludes, m_includeList.getSelectedIndices()));
        addButton(buttons, "<<", () -> move(m_includes, m_excludes, allIndices(m_includes)));
        JPanel lists = new JPanel(new GridLayout(1, 2));
        lists.add(ex);
        lists.add(in);
        getComponentPanel().setLayout(new BorderLayout());
        getComponentPanel().add(lists, BorderLayout.CENTER);
        getComponentPanel().add(buttons, BorderLayout.WEST);
        updateComponent();
    }

    private void addButton(final JPanel panel, final String text, final Runnable action) {
        JButton b = new JButton(text);
        b.addActionListener(e -> {
            action.run();
            updateModel();
        });
        m_buttons.add(b);
        panel.add(b);
    }

    private static int[] allIndices(final DefaultListModel<String> m) {
        int[] r = new int[m.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = i;
        }
        return r;
    }

    private static void move(final DefaultListModel<String> from, final DefaultListModel<String> to,
        final int[] indices) {
        List<String> moved = new ArrayList<>();
        for (int i : indices) {
            moved.add(from.get(i));
        }
        for (int i = indices.length - 1; i >= 0; i--) {
            from.remove(indices[i]);
        }
        moved.forEach(to::addElement);
    }

    private SettingsModelColumnFilter2 model() {
        return (SettingsModelColumnFilter2)getModel();
    }

    private DataTableSpec spec() {
        PortObjectSpec s = getLastTableSpec(m_inPort);
        return s instanceof DataTableSpec t ? t : new DataTableSpec();
    }

    @Override
    protected void updateComponent() {
        if (m_updating) {
            return;
        }
        m_updating = true;
        try {
            FilterResult r = model().applyTo(spec());
            m_includes.clear();
            m_excludes.clear();
            for (String n : r.getIncludes()) {
                m_includes.addElement(n);
            }
            for (String n : r.getExcludes()) {
                m_excludes.addElement(n);
            }
        } finally {
            m_updating = false;
        }
        setEnabledComponents(getModel().isEnabled());
    }

    private void updateModel() {
        if (m_updating) {
            return;
        }
        ColumnFilterConfig conf = model().config();
        if (ColumnFilterConfig.TYPE_STANDARD.equals(conf.m_type)) {
            conf.m_includes = toArray(m_includes);
            conf.m_excludes = toArray(m_excludes);
        }
        m_updating = true;
        try {
            model().setConfig(conf);
        } finally {
            m_updating = false;
        }
    }

    private static String[] toArray(final DefaultListModel<String> m) {
        String[] r = new String[m.size()];
        m.copyInto(r);
        return r;
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        updateModel();
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // an empty column list is fine
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_includeList.setEnabled(enabled);
        m_excludeList.setEnabled(enabled);
        m_buttons.forEach(b -> b.setEnabled(enabled));
    }

    public void setIncludeTitle(final String title) {
        m_includeBorder.setTitle(title);
    }

    public void setExcludeTitle(final String title) {
        m_excludeBorder.setTitle(title);
    }

    @Override
    public void setToolTipText(final String text) {
        m_includeList.setToolTipText(text);
        m_excludeList.setToolTipText(text);
    }
}
