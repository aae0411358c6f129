package org.vaenodes.knime.testflows;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.workflow.FlowVariable;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.WorkflowManager;

/**
 * The batch executor's {@code -workflow.variable} and {@code -option} (parsed by our runner's {@link BatchOverrides}),
 * applied to a workflow loaded in KNIME as KNIME's batch executor applies them: the variables replace the workflow's
 * own (a reset), and an option is written into the node's model settings, which the node then loads (validated by
 * the node). KNIME 5.3's BatchExecutor does this itself (the 5.3 run checks we do the same); from 5.9 on the batch
 * executor lives in KNIME AP's knime-ap-batch, outside KNIME's core, so newer cores get it from here.
 */
final class KnimeBatchOptions {

    private KnimeBatchOptions() {
    }

    static void apply(BatchOverrides overrides, WorkflowManager wfm) throws InvalidSettingsException {
        List<FlowVariable> vars = new ArrayList<>();
        for (BatchOverrides.Variable v : overrides.variables().values()) {
            vars.add(switch (v.type()) {
                case "int" -> new FlowVariable(v.name(), Integer.parseInt(v.value()));
                case "double" -> new FlowVariable(v.name(), Double.parseDouble(v.value()));
                default -> new FlowVariable(v.name(), v.value());
            });
        }
        if (!vars.isEmpty()) {
            wfm.addWorkflowVariables(false, vars.toArray(FlowVariable[]::new));
        }
        for (BatchOverrides.Option o : overrides.options()) {
            NodeID id = new NodeID(wfm.getID(), o.nodeId());
            NodeSettings settings = new NodeSettings("node");
            wfm.saveNodeSettings(id, settings);
            BatchOverrides.set((NodeSettings) settings.getNodeSettings("model"), o);
            wfm.loadNodeSettings(id, settings);
        }
    }
}
