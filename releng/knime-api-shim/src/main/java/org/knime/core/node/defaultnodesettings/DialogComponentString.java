package org.knime.core.node.defaultnodesettings;

import java.util.Objects;

import javax.swing.JLabel;
import javax.swing.JTextField;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** Label plus text field for a string settings model (shim). */
public final class DialogComponentString extends DialogComponent {

    private final JLabel m_label;

    private final JTextField m_field;

    private final boolean m_disallowEmpty;

    public DialogComponentString(final SettingsModelString stringModel, final String label) {
        this(stringModel, label, false, 15);
    }

    public DialogComponentString(final SettingsModelString stringModel, final String label,
        final boolean disallowEmptyString, final int compWidth) {
        super(stringModel);
        m_label = new JLabel(label);
        m_field = new JTextField(compWidth);
        m_disallowEmpty = disallowEmptyString;
        getComponentPanel().add(m_label);
        getComponentPanel().add(m_field);
        updateComponent();
    }

    @Override
    protected void updateComponent() {
        String v = ((SettingsModelString)getModel()).getStringValue();
        if (!Objects.equals(m_field.getText(), v == null ? "" : v)) {
            m_field.setText(v == null ? "" : v);
        }
        setEnabledComponents(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        String text = m_field.getText();
        if (m_disallowEmpty && (text == null || text.trim().isEmpty())) {
            throw new InvalidSettingsException("Please enter a value for \"" + m_label.getText() + "\"");
        }
        ((SettingsModelString)getModel()).setStringValue(text);
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_field.setEnabled(enabled);
        m_label.setEnabled(enabled);
    }

    public void setSizeComponents(final int width, final int height) {
        m_field.setPreferredSize(new java.awt.Dimension(width, height));
    }

    @Override
    public void setToolTipText(final String text) {
        m_field.setToolTipText(text);
        m_label.setToolTipText(text);
    }
}
