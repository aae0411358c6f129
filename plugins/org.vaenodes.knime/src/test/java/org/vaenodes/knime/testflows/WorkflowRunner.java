package org.vaenodes.knime.testflows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.port.PortObject;
import org.vaenodes.shim.NodeHarness;
import org.vaenodes.shim.ShimAccess;

/**
 * Executes a workflow's nodes in dependency order through our node factories on the KNIME API shim — our stand-in
 * for KNIME's batch executor on machines without KNIME. A failed node's successors are not executed, as in KNIME.
 */
final class WorkflowRunner {

    /** KNIME's "Testflow Configuration" node: not runnable here, but it declares which nodes must fail. */
    static final String TESTFLOW_CONFIG_FACTORY = "org.knime.testing.node.config.TestConfigNodeFactory";

    enum Status { EXECUTED, FAILED, NOT_EXECUTED }

    /** What happened to one node. */
    record NodeResult(WorkflowDefinition.Node node, Status status, PortObject[] outputs, String message,
        String warning, List<String> loggedErrors) {
    }

    /** Everything a run produced, by node id, plus the nodes the testflow configuration expects to fail. */
    record RunResult(WorkflowDefinition workflow, Map<Integer, NodeResult> nodes, Set<Integer> expectedFailures) {
    }

    private WorkflowRunner() {
    }

    static RunResult run(WorkflowDefinition wf, BatchOverrides commandLine) throws InvalidSettingsException {
        ShimAccess.setWorkflowDirectory(wf.dir());
        BatchOverrides overrides = commandLine.copy();
        wf.variables().forEach(overrides::declare);
        Map<Integer, NodeResult> results = new LinkedHashMap<>();
        Set<Integer> expectedFailures = new HashSet<>();
        for (int id : wf.executionOrder()) {
            WorkflowDefinition.Node node = wf.nodes().get(id);
            if (TESTFLOW_CONFIG_FACTORY.equals(node.factory())) {
                expectedFailures.addAll(failingNodes(node.model()));
                results.put(id, new NodeResult(node, Status.EXECUTED, new PortObject[0], null, null, List.of()));
                continue;
            }
            overrides.apply(node);
            results.put(id, runNode(wf, node, results));
        }
        return new RunResult(wf, results, expectedFailures);
    }

    private static NodeResult runNode(WorkflowDefinition wf, WorkflowDefinition.Node node,
        Map<Integer, NodeResult> done) {
        NodeHarness<NodeModel> h;
        try {
            h = harness(node.factory());
        } catch (Exception e) {
            return new NodeResult(node, Status.FAILED, null, "Cannot create node: " + e, null, List.of());
        }
        try {
            int inPorts = ShimAccess.inPortCount(h.model());
            PortObject[] inputs = new PortObject[inPorts];
            for (WorkflowDefinition.Connection c : wf.connections()) {
                if (c.dest() != node.id()) {
                    continue;
                }
                NodeResult src = done.get(c.source());
                if (src == null || src.status() != Status.EXECUTED) {
                    return new NodeResult(node, Status.NOT_EXECUTED, null,
                        "predecessor #" + c.source() + " did not execute", null, List.of());
                }
                if (c.destPort() == 0) {
                    continue; // a flow-variable connection only orders the nodes
                }
                inputs[c.destPort() - 1] = src.outputs()[c.sourcePort() - 1];
            }
            h.loadSettings(node.model());
            PortObject[] out = h.execute(inputs);
            return new NodeResult(node, Status.EXECUTED, out, null, h.warningMessage(), h.loggedErrors());
        } catch (Exception e) {
            return new NodeResult(node, Status.FAILED, null, message(e), h.warningMessage(), h.loggedErrors());
        } finally {
            h.close();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static NodeHarness<NodeModel> harness(String factory) throws ReflectiveOperationException {
        Class<? extends NodeFactory> cls = (Class<? extends NodeFactory>) Class.forName(factory);
        return NodeHarness.of((Class) cls);
    }

    /** The message a KNIME user would see on the node: the exception's own message, not a stack trace. */
    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static List<Integer> failingNodes(NodeSettingsRO config) {
        List<Integer> ids = new ArrayList<>();
        for (String s : config.getStringArray("failingNodes", new String[0])) {
            // ids are stored without the workflow prefix ("5"), possibly nested ("3:5"): the last part is ours
            ids.add(Integer.parseInt(s.substring(s.lastIndexOf(':') + 1)));
        }
        return ids;
    }
}
