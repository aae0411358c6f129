package org.vaenodes.knime.util;

import java.io.File;
import java.io.IOException;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.port.PortType;

/**
 * A node model whose settings are one {@link NodeSettingsGroup} and whose outputs are all KNIME has to keep: every
 * VAE node. Saving, validating and loading the settings and the empty internals live here once; a node adds its
 * ports, configure and execute.
 */
public abstract class SettingsNodeModel extends NodeModel {

    protected SettingsNodeModel(PortType[] inPorts, PortType[] outPorts) {
        super(inPorts, outPorts);
    }

    protected SettingsNodeModel(int dataIns, int dataOuts) {
        super(dataIns, dataOuts);
    }

    /** The node's settings, shared with nothing else (its dialog has its own instance). */
    protected abstract NodeSettingsGroup settingsGroup();

    @Override
    protected final void saveSettingsTo(NodeSettingsWO s) {
        settingsGroup().saveSettingsTo(s);
    }

    @Override
    protected final void validateSettings(NodeSettingsRO s) throws InvalidSettingsException {
        settingsGroup().validateSettings(s);
    }

    @Override
    protected final void loadValidatedSettingsFrom(NodeSettingsRO s) throws InvalidSettingsException {
        settingsGroup().loadValidatedSettingsFrom(s);
    }

    /** Nothing is cached between executions: the output ports hold all results. */
    @Override
    protected void reset() {
        // see above
    }

    /** No internals: KNIME restores the output ports itself. */
    @Override
    protected void loadInternals(File nodeInternDir, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        // see above
    }

    @Override
    protected void saveInternals(File nodeInternDir, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        // no internals, see loadInternals
    }
}
