package org.knime.core.node;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.DataContainer;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.vaenodes.shim.spi.NodeBridge;
import org.vaenodes.shim.spi.ShimHooks;

/** Package-private access to framework-only members, registered with the test bridge. */
final class ShimNodeBridge implements NodeBridge {

    static {
        ShimHooks.registerNodeBridge(new ShimNodeBridge());
    }

    private ShimNodeBridge() {
    }

    @Override
    public PortObjectSpec[] configure(final NodeModel m, final PortObjectSpec[] in) throws InvalidSettingsException {
        return m.configure(in);
    }

    @Override
    public PortObject[] execute(final NodeModel m, final PortObject[] in, final ExecutionContext exec)
        throws Exception {
        return m.execute(in, exec);
    }

    @Override
    public void saveSettingsTo(final NodeModel m, final NodeSettingsWO s) {
        m.saveSettingsTo(s);
    }

    @Override
    public void validateSettings(final NodeModel m, final NodeSettingsRO s) throws InvalidSettingsException {
        m.validateSettings(s);
    }

    @Override
    public void loadValidatedSettingsFrom(final NodeModel m, final NodeSettingsRO s)
        throws InvalidSettingsException {
        m.loadValidatedSettingsFrom(s);
    }

    @Override
    public void reset(final NodeModel m) {
        m.reset();
    }

    @Override
    public void dispose(final NodeModel m) {
        m.onDispose();
    }

    @Override
    public void saveInternals(final NodeModel m, final File dir, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        m.saveInternals(dir, exec);
    }

    @Override
    public void loadInternals(final NodeModel m, final File dir, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        m.loadInternals(dir, exec);
    }

    @Override
    public void setWarningMessage(final NodeModel m, final String message) {
        m.setWarningMessage(message);
    }

    @Override
    public String warningMessage(final NodeModel m) {
        return m.getWarningMessage();
    }

    @Override
    public Map<String, Object> pushedFlowVariables(final NodeModel m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m.m_pushedVariables));
    }

    @Override
    public void setInputFlowVariables(final NodeModel m, final Map<String, Object> vars) {
        m.m_inputVariables.clear();
        m.m_inputVariables.putAll(vars);
    }

    @Override
    public PortType[] inPortTypes(final NodeModel m) {
        PortType[] r = new PortType[m.getNrInPorts()];
        for (int i = 0; i < r.length; i++) {
            r[i] = m.getInPortType(i);
        }
        return r;
    }

    @Override
    public PortType[] outPortTypes(final NodeModel m) {
        PortType[] r = new PortType[m.getNrOutPorts()];
        for (int i = 0; i < r.length; i++) {
            r[i] = m.getOutPortType(i);
        }
        return r;
    }

    @Override
    public ExecutionContext newExecutionContext(final BooleanSupplier cancelled,
        final BiConsumer<Double, String> listener) {
        return new ExecutionContext(cancelled, listener);
    }

    @Override
    public double progress(final ExecutionMonitor exec) {
        return exec.root().progressValue();
    }

    @Override
    public String progressMessage(final ExecutionMonitor exec) {
        return exec.root().messageValue();
    }

    @Override
    public BufferedDataTable tableOf(final DataTableSpec spec, final List<DataRow> rows) {
        DataContainer check = new DataContainer(spec); // validates cell counts, types and keys
        rows.forEach(check::addRowToTable);
        return new BufferedDataTable(spec, new ArrayList<>(rows));
    }

    @Override
    public void loadDialogSettings(final NodeDialogPane d, final NodeSettingsRO s, final PortObjectSpec[] specs)
        throws NotConfigurableException {
        d.loadSettingsFrom(s, specs);
    }

    @Override
    public void saveDialogSettings(final NodeDialogPane d, final NodeSettingsWO s) throws InvalidSettingsException {
        d.saveSettingsTo(s);
    }

    @Override
    public int nrNodeViews(final NodeFactory<?> f) {
        return f.getNrNodeViews();
    }

    @SuppressWarnings("removal")
    @Override
    public boolean hasDialog(final NodeFactory<?> f) {
        return f.hasDialog();
    }

    @SuppressWarnings("removal")
    @Override
    public NodeDialogPane createNodeDialogPane(final NodeFactory<?> f) {
        return f.createNodeDialogPane();
    }

    @Override
    public void addLogListener(final BiConsumer<String, String> l) {
        NodeLogger.LISTENERS.add(l);
    }

    @Override
    public void removeLogListener(final BiConsumer<String, String> l) {
        NodeLogger.LISTENERS.remove(l);
    }
}
