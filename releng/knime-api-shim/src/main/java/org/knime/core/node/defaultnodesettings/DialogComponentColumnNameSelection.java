package org.knime.core.node.defaultnodesettings;

import java.awt.event.ItemEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import javax.swing.DefaultListCellRenderer;
import javax.swing.JComboBox;
import javax.swing.JLabel;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DataValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Label plus combo box offering the columns of an input table whose type is compatible to one of the given value
 * classes (shim). Optionally offers "&lt;none&gt;" and, for a {@link SettingsModelColumnName}, "&lt;RowID&gt;".
 */
public class DialogComponentColumnNameSelection extends DialogComponent {

    private static final String NEED_SPEC =
        "Need input table spec to configure dialog. Configure or execute predecessor nodes.";

    private final JLabel m_label;

    private final JComboBox<DataColumnSpec> m_combo = new JComboBox<>();

    private final int m_specIndex;

    private final boolean m_isRequired;

    private final boolean m_addNoneCol;

    private final boolean m_addRowID;

    private final List<Class<? extends DataValue>> m_classFilter;

    private DataColumnSpec m_noneItem;

    private DataColumnSpec m_rowIDItem;

    private boolean m_updating;

    @SuppressWarnings("unchecked")
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
        final int specIndex, final Class<? extends DataValue>... classFilter) {
        this(model, label, specIndex, true, classFilter);
    }

    @SuppressWarnings("unchecked")
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
        final int specIndex, final boolean isRequired, final Class<? extends DataValue>... classFilter) {
        this(model, label, specIndex, isRequired, false, classFilter);
    }

    @SuppressWarnings("unchecked")
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
        final int specIndex, final boolean isRequired, final boolean addNoneCol,
        final Class<? extends DataValue>... classFilter) {
        super(model);
        if (classFilter == null || classFilter.length == 0) {
            throw new NullPointerException("Classes must not be null");
        }
        m_classFilter = List.copyOf(Arrays.asList(classFilter)); // rejects null elements
        m_label = new JLabel(label);
        m_specIndex = specIndex;
        m_isRequired = isRequired;
        m_addNoneCol = addNoneCol;
        m_addRowID = model instanceof SettingsModelColumnName;
        m_combo.setRenderer(new DefaultListCellRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public java.awt.Component getListCellRendererComponent(final javax.swing.JList<?> list,
                final Object value, final int index, final boolean isSelected, final boolean cellHasFocus) {
                Object text = value instanceof DataColumnSpec c ? c.getName() : value;
                return super.getListCellRendererComponent(list, text, index, isSelected, cellHasFocus);
            }
        });
        m_combo.addItemListener(e -> {
            if (e.getStateChange() == ItemEvent.SELECTED && !m_updating) {
                updateModel();
            }
        });
        getComponentPanel().add(m_label);
        getComponentPanel().add(m_combo);
        updateComponent();
    }

    private boolean include(final DataColumnSpec col) {
        for (Class<? extends DataValue> cl : m_classFilter) {
            if (col.getType().isCompatible(cl)) {
                return true;
            }
        }
        return false;
    }

    private String allFilteredMsg() {
        StringBuilder b = new StringBuilder("No column in spec compatible to");
        for (int i = 0; i < m_classFilter.size(); i++) {
            b.append(" \"").append(m_classFilter.get(i).getSimpleName()).append('"');
            if (m_classFilter.size() > 1 && i == m_classFilter.size() - 2) {
                b.append(" or");
            }
        }
        return b.append('.').toString();
    }

    /** Name of the selected column; null if "none" or the row ID is selected. */
    public final String getSelected() {
        DataColumnSpec s = getSelectedAsSpec();
        return s == null ? null : s.getName();
    }

    /** Spec of the selected column; null if "none" or the row ID is selected. */
    public final DataColumnSpec getSelectedAsSpec() {
        Object s = m_combo.getSelectedItem();
        if (!(s instanceof DataColumnSpec c) || c == m_noneItem || c == m_rowIDItem) {
            return null;
        }
        return c;
    }

    private boolean rowIDSelected() {
        return m_rowIDItem != null && m_combo.getSelectedItem() == m_rowIDItem;
    }

    private static DataColumnSpec placeholder(final DataTableSpec spec, final String label) {
        return new DataColumnSpecCreator(DataTableSpec.getUniqueColumnName(spec, label),
            DataType.getMissingCell().getType()).createSpec();
    }

    @Override
    protected void updateComponent() {
        if (m_updating) {
            return;
        }
        PortObjectSpec last = getLastTableSpec(m_specIndex);
        DataTableSpec spec = last instanceof DataTableSpec t ? t : null;
        if (spec == null && !m_isRequired) {
            spec = new DataTableSpec();
        }
        if (spec != null) {
            SettingsModelString model = (SettingsModelString)getModel();
            boolean useRowID = model instanceof SettingsModelColumnName cn && cn.useRowID();
            m_updating = true;
            try {
                fill(spec, model.getStringValue(), useRowID);
            } finally {
                m_updating = false;
            }
            if (m_combo.getItemCount() > 0) {
                updateModel(); // the model follows the selection, e.g. when its column is gone
            }
        }
        setEnabledComponents(getModel().isEnabled());
    }

    private void fill(final DataTableSpec spec, final String selected, final boolean useRowID) {
        m_combo.removeAllItems();
        m_noneItem = null;
        m_rowIDItem = null;
        if (m_addNoneCol) {
            m_noneItem = placeholder(spec, "<none>");
            m_combo.addItem(m_noneItem);
        }
        if (m_addRowID) {
            m_rowIDItem = placeholder(spec, "<RowID>");
            m_combo.addItem(m_rowIDItem);
        }
        DataColumnSpec match = null;
        for (DataColumnSpec c : spec) {
            if (include(c)) {
                m_combo.addItem(c);
                if (c.getName().equals(selected)) {
                    match = c;
                }
            }
        }
        if (match != null) {
            m_combo.setSelectedItem(match);
        } else if (m_noneItem != null && !useRowID) {
            m_combo.setSelectedItem(m_noneItem);
        } else if (m_rowIDItem != null && useRowID) {
            m_combo.setSelectedItem(m_rowIDItem);
        } else if (m_combo.getItemCount() > 0) {
            m_combo.setSelectedIndex(m_combo.getItemCount() - 1);
        }
    }

    private void updateModel() {
        m_updating = true;
        try {
            if (getModel() instanceof SettingsModelColumnName cn) {
                cn.setSelection(getSelected(), rowIDSelected());
            } else {
                SettingsModelString m = (SettingsModelString)getModel();
                if (!Objects.equals(m.getStringValue(), getSelected())) {
                    m.setStringValue(getSelected());
                }
            }
        } finally {
            m_updating = false;
        }
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        if (specs == null || specs.length <= m_specIndex) {
            throw new NotConfigurableException(NEED_SPEC);
        }
        if (specs[m_specIndex] != null && !(specs[m_specIndex] instanceof DataTableSpec)) {
            throw new NotConfigurableException(
                "Wrong type of PortObject for ColumnNameSelection, expecting DataTableSpec!");
        }
        if (!m_isRequired) {
            return;
        }
        DataTableSpec spec = (DataTableSpec)specs[m_specIndex];
        if (spec == null) {
            throw new NotConfigurableException(NEED_SPEC);
        }
        for (DataColumnSpec c : spec) {
            if (include(c)) {
                return;
            }
        }
        throw new NotConfigurableException(allFilteredMsg());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        updateModel();
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_combo.setEnabled(enabled);
        m_label.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_combo.setToolTipText(text);
        m_label.setToolTipText(text);
    }
}
