package org.knime.core.node;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.AbstractNodeView.ViewableModel;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/** Base class of node models (shim). The harness drives it through org.vaenodes.shim.spi.NodeBridge. */
public abstract class NodeModel implements ViewableModel {

    private final PortType[] m_inTypes;

    private final PortType[] m_outTypes;

    private String m_warning;

    /** Variables pushed by this node, in push order. */
    final Map<String, Object> m_pushedVariables = new LinkedHashMap<>();

    /** Variables visible to this node from upstream (set by the harness). */
    final Map<String, Object> m_inputVariables = new LinkedHashMap<>();

    private final List<AbstractNodeView<?>> m_views = new CopyOnWriteArrayList<>();

    protected NodeModel(final int nrInDataPorts, final int nrOutDataPorts) {
        this(tablePorts(nrInDataPorts), tablePorts(nrOutDataPorts));
    }

    protected NodeModel(final PortType[] inPortTypes, final PortType[] outPortTypes) {
        if (inPortTypes == null || outPortTypes == null || Arrays.asList(inPortTypes).contains(null)
            || Arrays.asList(outPortTypes).contains(null)) {
            throw new NullPointerException("Port types must not be null");
        }
        m_inTypes = inPortTypes.clone();
        m_outTypes = outPortTypes.clone();
    }

    private static PortType[] tablePorts(final int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Number of ports must not be negative: " + n);
        }
        PortType[] r = new PortType[n];
        Arrays.fill(r, BufferedDataTable.TYPE);
        return r;
    }

    protected abstract void loadInternals(final File nodeInternDir, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    protected abstract void saveInternals(final File nodeInternDir, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    protected final int getNrInPorts() {
        return m_inTypes.length;
    }

    protected final int getNrOutPorts() {
        return m_outTypes.length;
    }

    protected final PortType getInPortType(final int index) {
        return m_inTypes[index];
    }

    protected final PortType getOutPortType(final int index) {
        return m_outTypes[index];
    }

    protected abstract void saveSettingsTo(final NodeSettingsWO settings);

    protected abstract void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException;

    protected abstract void loadValidatedSettingsFrom(final NodeSettingsRO settings)
        throws InvalidSettingsException;

    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        BufferedDataTable[] tables = new BufferedDataTable[inObjects.length];
        for (int i = 0; i < inObjects.length; i++) {
            if (inObjects[i] != null && !(inObjects[i] instanceof BufferedDataTable)) {
                throw new IOException("Input port " + i + " does not hold a data table; override the PortObject"
                    + " variant of NodeModel.execute()");
            }
            tables[i] = (BufferedDataTable)inObjects[i];
        }
        return execute(tables, exec);
    }

    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
        throws Exception {
        throw new IOException("NodeModel.execute() is not implemented by " + getClass().getName());
    }

    protected abstract void reset();

    protected void onDispose() {
    }

    protected final void stateChanged() {
        for (AbstractNodeView<?> v : m_views) {
            v.modelChanged();
        }
    }

    protected final void notifyViews(final Object arg) {
        for (AbstractNodeView<?> v : m_views) {
            v.updateModel(arg);
        }
    }

    void registerView(final AbstractNodeView<?> view) {
        m_views.add(view);
    }

    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec[] specs = new DataTableSpec[inSpecs.length];
        for (int i = 0; i < inSpecs.length; i++) {
            if (inSpecs[i] != null && !(inSpecs[i] instanceof DataTableSpec)) {
                throw new InvalidSettingsException("Input port " + i + " does not hold a data table spec; override"
                    + " the PortObjectSpec variant of NodeModel.configure()");
            }
            specs[i] = (DataTableSpec)inSpecs[i];
        }
        return configure(specs);
    }

    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        throw new InvalidSettingsException("NodeModel.configure() is not implemented by " + getClass().getName());
    }

    protected final void setWarningMessage(final String warningMessage) {
        m_warning = warningMessage;
    }

    protected final String getWarningMessage() {
        return m_warning;
    }

    protected final void pushFlowVariableInt(final String name, final int value) {
        m_pushedVariables.put(name, value);
    }

    protected final void pushFlowVariableDouble(final String name, final double value) {
        m_pushedVariables.put(name, value);
    }

    protected final void pushFlowVariableString(final String name, final String value) {
        m_pushedVariables.put(name, value);
    }

    private <V> V peek(final String name, final Class<V> type) {
        Object v = m_pushedVariables.get(name); // own variables first, then those from upstream
        if (!type.isInstance(v)) {
            v = m_inputVariables.get(name);
        }
        if (!type.isInstance(v)) {
            throw new NoSuchElementException(
                "No flow variable \"" + name + "\" of type " + type.getSimpleName() + " available");
        }
        return type.cast(v);
    }

    public final int peekFlowVariableInt(final String name) {
        return peek(name, Integer.class);
    }

    public final double peekFlowVariableDouble(final String name) {
        return peek(name, Double.class);
    }

    public final String peekFlowVariableString(final String name) {
        return peek(name, String.class);
    }

    protected final NodeLogger getLogger() {
        return NodeLogger.getLogger(getClass());
    }
}
