package org.vaenodes.shim.spi;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * The framework-only (protected or package-private) members of org.knime.core.node that the test harness needs.
 * Implemented inside org.knime.core.node and registered with {@link ShimHooks}. Not KNIME API.
 */
public interface NodeBridge {
    PortObjectSpec[] configure(NodeModel m, PortObjectSpec[] in) throws InvalidSettingsException;

    PortObject[] execute(NodeModel m, PortObject[] in, ExecutionContext exec) throws Exception;

    void saveSettingsTo(NodeModel m, NodeSettingsWO s);

    void validateSettings(NodeModel m, NodeSettingsRO s) throws InvalidSettingsException;

    void loadValidatedSettingsFrom(NodeModel m, NodeSettingsRO s) throws InvalidSettingsException;

    void reset(NodeModel m);

    void dispose(NodeModel m);

    void saveInternals(NodeModel m, File dir, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    void loadInternals(NodeModel m, File dir, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    void setWarningMessage(NodeModel m, String message);

    String warningMessage(NodeModel m);

    Map<String, Object> pushedFlowVariables(NodeModel m);

    void setInputFlowVariables(NodeModel m, Map<String, Object> vars);

    PortType[] inPortTypes(NodeModel m);

    PortType[] outPortTypes(NodeModel m);

    ExecutionContext newExecutionContext(BooleanSupplier cancelled, BiConsumer<Double, String> listener);

    double progress(ExecutionMonitor exec);

    String progressMessage(ExecutionMonitor exec);

    BufferedDataTable tableOf(DataTableSpec spec, List<DataRow> rows);

    void loadDialogSettings(NodeDialogPane d, NodeSettingsRO s, PortObjectSpec[] specs)
        throws NotConfigurableException;

    void saveDialogSettings(NodeDialogPane d, NodeSettingsWO s) throws InvalidSettingsException;

    int nrNodeViews(NodeFactory<?> f);

    boolean hasDialog(NodeFactory<?> f);

    NodeDialogPane createNodeDialogPane(NodeFactory<?> f);

    void addLogListener(BiConsumer<String, String> l);

    void removeLogListener(BiConsumer<String, String> l);
}
