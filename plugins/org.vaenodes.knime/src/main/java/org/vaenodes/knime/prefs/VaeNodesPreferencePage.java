package org.vaenodes.knime.prefs;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.preference.FieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.RadioGroupFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.jface.util.PropertyChangeEvent;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.vaenodes.engine.backend.BackendChoice;
import org.vaenodes.engine.backend.Nd4jRuntime;

/**
 * Preferences ▸ KNIME ▸ VAE Nodes: ND4J backend (Auto/CPU/CUDA), JavaCPP off-heap limit, and a read-only line with
 * the backend in use and why. Values live in the instance scope of {@value VaeNodesPreferences#QUALIFIER}; the nodes
 * read them through {@link VaeNodesPreferences} when they first use the engine.
 */
public final class VaeNodesPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    private RadioGroupFieldEditor backendEditor;
    private Label statusLabel;
    private BackendChoice selected;

    /** Creates the page (grid layout of field editors). */
    public VaeNodesPreferencePage() {
        super(GRID);
        setDescription("Deep learning backend of the VAE nodes (Deeplearning4j/ND4J). The backend is chosen once per "
            + "KNIME session, at the first VAE node execution; the system property -D"
            + Nd4jRuntime.BACKEND_PROPERTY + "=cpu|cuda|auto in knime.ini overrides this page.");
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, VaeNodesPreferences.QUALIFIER));
    }

    @Override
    protected void createFieldEditors() {
        Composite parent = getFieldEditorParent();
        backendEditor = new RadioGroupFieldEditor(VaeNodesPreferences.BACKEND, "Backend", 1, new String[][] {
            {"Auto — CUDA when usable (CUDA backend feature and NVIDIA driver), else CPU",
                BackendChoice.AUTO.key()},
            {"CPU", BackendChoice.CPU.key()},
            {"CUDA (fails with a clear message if unusable)", BackendChoice.CUDA.key()}}, parent, true);
        addField(backendEditor);

        StringFieldEditor limit = new StringFieldEditor(VaeNodesPreferences.OFF_HEAP_LIMIT,
            "Off-heap memory limit (JavaCPP, e.g. 4G; empty = ND4J's default):", parent) {
            @Override
            protected boolean doCheckState() {
                String error = VaeNodesPreferences.validateOffHeapLimit(getStringValue());
                setErrorMessage(error);
                return error == null;
            }
        };
        limit.setValidateStrategy(StringFieldEditor.VALIDATE_ON_KEY_STROKE);
        addField(limit);

        Label heading = new Label(parent, SWT.NONE);
        heading.setText("In use:");
        heading.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        statusLabel = new Label(parent, SWT.WRAP);
        GridData gd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        gd.widthHint = 480;
        statusLabel.setLayoutData(gd);
    }

    @Override
    protected void initialize() {
        super.initialize();
        selected = VaeNodesPreferences.toBackend(getPreferenceStore().getString(VaeNodesPreferences.BACKEND));
        refreshStatus();
    }

    @Override
    public void propertyChange(PropertyChangeEvent event) {
        super.propertyChange(event);
        if (event.getSource() == backendEditor && FieldEditor.VALUE.equals(event.getProperty())) {
            selected = VaeNodesPreferences.toBackend(String.valueOf(event.getNewValue()));
            refreshStatus();
        }
    }

    @Override
    protected void performDefaults() {
        super.performDefaults();
        selected = VaeNodesPreferences.DEFAULT_BACKEND;
        refreshStatus();
    }

    @Override
    public boolean performOk() {
        BackendChoice before =
            VaeNodesPreferences.toBackend(getPreferenceStore().getString(VaeNodesPreferences.BACKEND));
        boolean ok = super.performOk();
        if (ok && VaeNodesPreferences.restartNeeded(before, selected)) {
            MessageDialog.openInformation(getShell(), "VAE Nodes: restart needed", "ND4J already runs on "
                + Nd4jRuntime.status().backend() + " in this KNIME session. The "
                + VaeNodesPreferences.label(selected) + " backend is used after KNIME is restarted.");
        }
        return ok;
    }

    private void refreshStatus() {
        if (statusLabel == null || statusLabel.isDisposed()) {
            return;
        }
        statusLabel.setText(VaeNodesPreferences.statusText(Nd4jRuntime.status(),
            System.getProperty(Nd4jRuntime.BACKEND_PROPERTY), selected, EngineSetup.applied()));
        statusLabel.getParent().layout(true, true);
    }
}
