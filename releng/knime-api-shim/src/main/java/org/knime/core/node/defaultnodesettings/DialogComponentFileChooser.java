package org.knime.core.node.defaultnodesettings;

import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.Objects;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JTextField;
import javax.swing.filechooser.FileNameExtensionFilter;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** Text field plus "Browse..." button for a file or directory path (shim; the chooser opens only on click). */
public class DialogComponentFileChooser extends DialogComponent {

    private final JTextField m_field = new JTextField(30);

    private final JButton m_browse = new JButton("Browse...");

    private final int m_dialogType;

    private final boolean m_directoryOnly;

    private final String[] m_extensions;

    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final String... validExtensions) {
        this(stringModel, historyID, JFileChooser.OPEN_DIALOG, false, validExtensions);
    }

    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final int dialogType, final boolean directoryOnly) {
        this(stringModel, historyID, dialogType, directoryOnly, new String[0]);
    }

    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final int dialogType, final String... validExtensions) {
        this(stringModel, historyID, dialogType, false, validExtensions);
    }

    public DialogComponentFileChooser(final SettingsModelString stringModel, final String historyID,
        final int dialogType, final boolean directoryOnly, final String... validExtensions) {
        super(stringModel);
        m_dialogType = dialogType;
        m_directoryOnly = directoryOnly;
        m_extensions = validExtensions == null ? new String[0] : validExtensions.clone();
        getComponentPanel().setBorder(BorderFactory.createTitledBorder(directoryOnly ? "Selected Directory:"
            : "Selected File:"));
        getComponentPanel().add(m_field);
        getComponentPanel().add(m_browse);
        m_browse.addActionListener(e -> browse());
        updateComponent();
    }

    private void browse() {
        if (GraphicsEnvironment.isHeadless()) {
            return;
        }
        JFileChooser fc = new JFileChooser(m_field.getText());
        fc.setDialogType(m_dialogType);
        fc.setFileSelectionMode(m_directoryOnly ? JFileChooser.DIRECTORIES_ONLY : JFileChooser.FILES_ONLY);
        if (m_extensions.length > 0) {
            String[] exts = Arrays.stream(m_extensions).map(x -> x.replaceFirst("^\\.", "").split("\\|")[0])
                .toArray(String[]::new);
            fc.setFileFilter(new FileNameExtensionFilter(String.join(", ", exts), exts));
        }
        if (fc.showDialog(getComponentPanel(), null) == JFileChooser.APPROVE_OPTION) {
            m_field.setText(fc.getSelectedFile().getAbsolutePath());
        }
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
        // like KNIME's component: any value (also empty) is accepted; the node model validates paths
        String text = m_field.getText() == null ? "" : m_field.getText().trim();
        ((SettingsModelString)getModel()).setStringValue(text);
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_field.setEnabled(enabled);
        m_browse.setEnabled(enabled);
    }

    public void setBorderTitle(final String newTitle) {
        getComponentPanel().setBorder(BorderFactory.createTitledBorder(newTitle));
    }

    @Override
    public void setToolTipText(final String text) {
        m_field.setToolTipText(text);
    }
}
