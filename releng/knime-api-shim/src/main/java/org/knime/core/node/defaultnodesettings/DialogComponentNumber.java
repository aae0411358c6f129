package org.knime.core.node.defaultnodesettings;

import java.text.ParseException;

import javax.swing.JLabel;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** Label plus spinner for a numeric settings model (shim). */
public class DialogComponentNumber extends DialogComponent {

    private final JLabel m_label;

    private final JSpinner m_spinner;

    public DialogComponentNumber(final SettingsModelNumber numberModel, final String label, final Number stepSize) {
        this(numberModel, label, stepSize, 10);
    }

    public DialogComponentNumber(final SettingsModelNumber numberModel, final String label, final Number stepSize,
        final int compWidth) {
        super(numberModel);
        m_label = new JLabel(label);
        m_spinner = new JSpinner(new SpinnerNumberModel(current(numberModel), null, null, toStep(numberModel,
            stepSize)));
        if (m_spinner.getEditor() instanceof JSpinner.DefaultEditor ed) {
            ed.getTextField().setColumns(compWidth);
        }
        getComponentPanel().add(m_label);
        getComponentPanel().add(m_spinner);
        updateComponent();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Number current(final SettingsModelNumber m) {
        String s = m.getNumberValueStr();
        if (m instanceof SettingsModelInteger) {
            return Integer.valueOf(s);
        }
        if (m instanceof SettingsModelLong) {
            return Long.valueOf(s);
        }
        return Double.valueOf(s);
    }

    private static Number toStep(final SettingsModelNumber m, final Number step) {
        if (m instanceof SettingsModelInteger) {
            return step.intValue();
        }
        if (m instanceof SettingsModelLong) {
            return step.longValue();
        }
        return step.doubleValue();
    }

    public JSpinner getSpinner() {
        return m_spinner;
    }

    public JLabel getLabel() {
        return m_label;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    @Override
    protected void updateComponent() {
        SettingsModelNumber m = (SettingsModelNumber)getModel();
        SpinnerNumberModel sm = (SpinnerNumberModel)m_spinner.getModel();
        Number v = current(m);
        Comparable lo = (Comparable)m.lowerBound();
        Comparable hi = (Comparable)m.upperBound();
        boolean inRange = (lo == null || lo.compareTo(v) <= 0) && (hi == null || hi.compareTo(v) >= 0);
        sm.setMinimum(inRange ? lo : null);
        sm.setMaximum(inRange ? hi : null);
        if (!v.equals(sm.getValue())) {
            sm.setValue(v);
        }
        setEnabledComponents(m.isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        try {
            m_spinner.commitEdit();
        } catch (ParseException e) {
            throw new InvalidSettingsException("Invalid number in field \"" + m_label.getText() + "\"", e);
        }
        try {
            ((SettingsModelNumber)getModel()).setNumberValueStr(String.valueOf(m_spinner.getValue()));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_spinner.setEnabled(enabled);
        m_label.setEnabled(enabled);
    }

    @Override
    public void setToolTipText(final String text) {
        m_spinner.setToolTipText(text);
        m_label.setToolTipText(text);
    }
}
