package org.vaenodes.knime.testflows;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.workflow.FlowVariable;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.WorkflowManager;

/**
 * The batch executor's {@code -workflow.variable=name,value,type} and {@code -option=nodeID,setting,value,type},
 * applied to a loaded workflow as KNIME's batch executor applies them: workflow variables replace the workflow's
 * own, and an option is written into the node's model settings, which the node then loads (validated by the node).
 * KNIME 5.3's BatchExecutor does this itself (see the 5.3 run); from 5.9 on the batch executor lives in KNIME AP's
 * knime-ap-batch, outside KNIME's core, so newer cores get it from here.
 */
final class KnimeBatchOptions {

    private final List<FlowVariable> variables = new ArrayList<>();
    private final List<String[]> options = new ArrayList<>();

    /** @return whether {@code arg} was a batch option */
    boolean parse(String arg) {
        if (arg.startsWith("-workflow.variable=")) {
            String[] p = arg.substring("-workflow.variable=".length()).split(",", 3);
            variables.add(switch (p[2]) {
                case "int" -> new FlowVariable(p[0], Integer.parseInt(p[1]));
                case "double" -> new FlowVariable(p[0], Double.parseDouble(p[1]));
                case "String" -> new FlowVariable(p[0], p[1]);
                default -> throw new IllegalArgumentException("Unknown workflow variable type " + p[2] + " in " + arg);
            });
            return true;
        }
        if (arg.startsWith("-option=")) {
            String[] p = arg.substring("-option=".length()).split(",", 4);
            if (p.length != 4) {
                throw new IllegalArgumentException("Expected -option=nodeID,setting,value,type: " + arg);
            }
            options.add(p);
            return true;
        }
        return false;
    }

    void apply(WorkflowManager wfm) throws InvalidSettingsException {
        if (!variables.isEmpty()) {
            wfm.addWorkflowVariables(false, variables.toArray(FlowVariable[]::new));
        }
        for (String[] o : options) {
            NodeContainer nc = wfm.getNodeContainer(new NodeID(wfm.getID(), Integer.parseInt(o[0])));
            NodeSettings settings = new NodeSettings("node");
            wfm.saveNodeSettings(nc.getID(), settings);
            NodeSettings model = settings.getNodeSettings("model");
            switch (o[3]) {
                case "int" -> model.addInt(o[1], Integer.parseInt(o[2]));
                case "long" -> model.addLong(o[1], Long.parseLong(o[2]));
                case "double" -> model.addDouble(o[1], Double.parseDouble(o[2]));
                case "boolean" -> model.addBoolean(o[1], Boolean.parseBoolean(o[2]));
                case "String" -> model.addString(o[1], o[2]);
                default -> throw new IllegalArgumentException("Unknown option type " + o[3]);
            }
            wfm.loadNodeSettings(nc.getID(), settings);
        }
    }
}
