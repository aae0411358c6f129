package org.knime.core.node.defaultnodesettings;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import javax.swing.JComboBox;
import javax.swing.JLabel;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** Label plus combo box choosing one of a list of strings (shim). */
public final class DialogComponentStringSelection extends DialogComponent {

    private final JLabel m_label;

    private final JComboBox<String> m_combo = new JComboBox<>();

    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
        final String... list) {
        this(stringModel, label, Arrays.asList(list));
    }

    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
        final Collection<String> list) {
        this(stringModel, label, list, false);
    }

    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
        final Collection<String> list, final boolean editable) {
        super(stringModel);
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("Selection list of \"" + label + "\" must not be empty");
        }
        m_label = new JLabel(label);
        m_combo.setEditable(editable);
        list.forEach(m_combo::addItem);
        getComponentPanel().add(m_label);
        getComponentPanel().add(m_combo);
        updateComponent();
    }

    @Override
    protected void updateComponent() {
        String v = ((SettingsModelString)getModel()).getStringValue();
        if (v != null && !v.equals(m_combo.getSelectedItem())) {
            m_combo.setSelectedItem(v);
        }
        setEnabledComponents(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        Object sel = m_combo.isEditable() ? m_combo.getEditor().getItem() : m_combo.getSelectedItem();
        if (sel == null) {
            throw new InvalidSettingsException("Please select an item for \"" + m_label.getText() + "\"");
        }
        ((SettingsModelString)getModel()).setStringValue(sel.toString());
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_combo.setEnabled(enabled);
        m_label.setEnabled(enabled);
    }

    public void setSizeComponents(final int width, final int height) {
        m_combo.setPreferredSize(new java.awt.Dimension(width, height));
    }

    @Override
    public void setToolTipText(final String text) {
        m_combo.setToolTipText(text);
        m_label.setToolTipText(text);
    }

    public void replaceListItems(final Collection<String> newItems, final String select) {
        if (newItems == null || newItems.isEmpty()) {
            throw new IllegalArgumentException("Selection list must not be empty");
        }
        List<String> items = List.copyOf(newItems);
        m_combo.removeAllItems();
        items.forEach(m_combo::addItem);
        String target = select != null ? select : ((SettingsModelString)getModel()).getStringValue();
        m_combo.setSelectedItem(target != null && items.contains(target) ? target : items.get(0));
        ((SettingsModelString)getModel()).setStringValue((String)m_combo.getSelectedItem());
    }
}
