package org.knime.core.node.defaultnodesettings;

import java.util.HashSet;
import java.util.Set;

import javax.swing.AbstractButton;
import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.ButtonGroup;
import javax.swing.ButtonModel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;

import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.util.ButtonGroupEnumInterface;

/** Radio buttons showing labels and storing each button's action command in a string model (shim). */
public class DialogComponentButtonGroup extends DialogComponent {

    private final ButtonGroup m_group = new ButtonGroup();

    private final JPanel m_buttons = new JPanel();

    public DialogComponentButtonGroup(final SettingsModelString stringModel, final String label,
        final boolean vertical, final ButtonGroupEnumInterface[] elements) {
        super(stringModel);
        if (elements == null || elements.length < 1) {
            throw new IllegalArgumentException("Elements must not be null");
        }
        String[] texts = new String[elements.length];
        String[] commands = new String[elements.length];
        for (int i = 0; i < elements.length; i++) {
            texts[i] = elements[i].getText();
            commands[i] = elements[i].getActionCommand();
        }
        build(label, vertical, texts, commands);
        for (int i = 0; i < elements.length; i++) {
            getButton(commands[i]).setToolTipText(elements[i].getToolTip());
        }
    }

    public DialogComponentButtonGroup(final SettingsModelString stringModel, final String label,
        final boolean vertical, final String[] buttonLabels, final String[] actionCommands) {
        super(stringModel);
        if (buttonLabels == null || actionCommands == null || buttonLabels.length != actionCommands.length
            || buttonLabels.length < 1) {
            throw new IllegalArgumentException("Labels and action commands must be given, one each");
        }
        build(label, vertical, buttonLabels, actionCommands);
    }

    private void build(final String label, final boolean vertical, final String[] texts, final String[] commands) {
        Set<String> unique = new HashSet<>();
        m_buttons.setLayout(new BoxLayout(m_buttons, vertical ? BoxLayout.Y_AXIS : BoxLayout.X_AXIS));
        if (label != null) {
            m_buttons.setBorder(BorderFactory.createTitledBorder(label));
        }
        SettingsModelString model = (SettingsModelString)getModel();
        for (int i = 0; i < texts.length; i++) {
            if (!unique.add(commands[i])) {
                throw new IllegalArgumentException("Action command '" + commands[i] + "' is not unique");
            }
            JRadioButton button = new JRadioButton(texts[i]);
            button.setActionCommand(commands[i]);
            button.addActionListener(e -> model.setStringValue(e.getActionCommand()));
            m_group.add(button);
            m_buttons.add(button);
        }
        getComponentPanel().add(m_buttons);
        updateComponent();
    }

    public AbstractButton getButton(final String actionCommand) {
        for (var e = m_group.getElements(); e.hasMoreElements();) {
            AbstractButton b = e.nextElement();
            if (b.getActionCommand().equals(actionCommand)) {
                return b;
            }
        }
        return null;
    }

    @Override
    protected void updateComponent() {
        AbstractButton b = getButton(((SettingsModelString)getModel()).getStringValue());
        if (b != null && !b.isSelected()) {
            b.setSelected(true);
        }
        setEnabledComponents(getModel().isEnabled());
    }

    @Override
    protected void validateSettingsBeforeSave() {
        ButtonModel selected = m_group.getSelection();
        if (selected != null) {
            ((SettingsModelString)getModel()).setStringValue(selected.getActionCommand());
        }
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        for (var e = m_group.getElements(); e.hasMoreElements();) {
            e.nextElement().setEnabled(enabled);
        }
    }

    @Override
    public void setToolTipText(final String text) {
        for (var e = m_group.getElements(); e.hasMoreElements();) {
            e.nextElement().setToolTipText(text);
        }
    }
}
