package org.vaenodes.knime.testflows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.vaenodes.knime.testflows.FlowOutcome.NodeOutcome;
import org.vaenodes.knime.testflows.FlowOutcome.Status;
import org.vaenodes.shim.harness.NodeHarness;
import org.vaenodes.shim.harness.ShimAccess;

/**
 * Executes a workflow's nodes in dependency order through our node factories on the KNIME API shim — our stand-in
 * for KNIME's batch executor on machines without KNIME. A failed node's successors are not executed, as in KNIME.
 * As KNIME does when it loads a flow, every node is first configured with the specs its predecessors give at
 * configure time; a table whose executed spec differs from that promise (or has none) is reported as a coding
 * problem of the node.
 */
final class WorkflowRunner {

    /** KNIME's "Testflow Configuration" node: not runnable here, but it declares which nodes must fail. */
    static final String TESTFLOW_CONFIG_FACTORY = TestflowConfiguration.FACTORY;

    /** Everything a run produced, by node id, plus what the flow's Testflow Configuration node demands. */
    record RunResult(WorkflowDefinition workflow, Map<Integer, NodeOutcome> nodes, TestflowConfiguration config) {

        /** The run as the runtime-independent checks see it. */
        FlowOutcome outcome() {
            Map<Integer, Set<Integer>> predecessors = new LinkedHashMap<>();
            for (WorkflowDefinition.Connection c : workflow.connections()) {
                predecessors.computeIfAbsent(c.dest(), k -> new TreeSet<>()).add(c.source());
            }
            return new FlowOutcome(nodes, predecessors, config);
        }
    }

    private WorkflowRunner() {
    }

    static RunResult run(WorkflowDefinition wf, BatchOverrides commandLine) throws InvalidSettingsException {
        ShimAccess.setWorkflowDirectory(wf.dir());
        BatchOverrides overrides = commandLine.copy();
        wf.variables().forEach(overrides::declare);
        Map<Integer, PortObjectSpec[]> promised = configureAll(wf, overrides);
        Map<Integer, NodeOutcome> results = new LinkedHashMap<>();
        TestflowConfiguration config = TestflowConfiguration.NONE;
        for (int id : wf.executionOrder()) {
            WorkflowDefinition.Node node = wf.nodes().get(id);
            if (TESTFLOW_CONFIG_FACTORY.equals(node.factory())) {
                config = TestflowConfiguration.read(node.model());
                results.put(id, new NodeOutcome(id, node.toString(), Status.EXECUTED, null, null, List.of(),
                    new PortObject[0]));
                continue;
            }
            overrides.apply(node);
            results.put(id, runNode(wf, node, results, promised.get(id)));
        }
        return new RunResult(wf, results, config);
    }

    /**
     * The output specs each node promises before anything has run, from its predecessors' promises. A node whose
     * configure fails then (e.g. a reader of a file an earlier node writes), or whose inputs have no spec, is left
     * out, as are its successors.
     */
    private static Map<Integer, PortObjectSpec[]> configureAll(WorkflowDefinition wf, BatchOverrides overrides)
        throws InvalidSettingsException {
        Map<Integer, PortObjectSpec[]> promised = new LinkedHashMap<>();
        for (int id : wf.executionOrder()) {
            WorkflowDefinition.Node node = wf.nodes().get(id);
            if (TESTFLOW_CONFIG_FACTORY.equals(node.factory())) {
                continue;
            }
            overrides.apply(node);
            NodeHarness<NodeModel> h;
            try {
                h = harness(node.factory());
            } catch (ReflectiveOperationException e) {
                continue; // reported when the node runs
            }
            try {
                PortObjectSpec[] in = new PortObjectSpec[ShimAccess.inPortCount(h.model())];
                boolean known = true;
                for (WorkflowDefinition.Connection c : wf.connections()) {
                    if (c.dest() == id && c.destPort() > 0) {
                        PortObjectSpec[] src = promised.get(c.source());
                        in[c.destPort() - 1] = src == null ? null : src[c.sourcePort() - 1];
                        known &= in[c.destPort() - 1] != null;
                    }
                }
                if (known) {
                    h.loadSettings(node.model());
                    promised.put(id, h.configure(in));
                }
            } catch (InvalidSettingsException e) {
                // not configurable before its predecessors ran; KNIME shows such a node as not configured yet
            } finally {
                h.close();
            }
        }
        return promised;
    }

    /** Coding problems of an executed node: tables whose spec configure did not promise before anything ran. */
    private static List<String> specProblems(PortObject[] out, PortObjectSpec[] promised) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; promised != null && i < out.length; i++) {
            if (out[i] instanceof BufferedDataTable t) {
                if (promised[i] == null) {
                    problems.add("CODING: output " + i + " had no spec at configure time, before any node ran");
                } else if (!promised[i].equals(t.getDataTableSpec())) {
                    problems.add("CODING: output " + i + ": the spec configure gave before any node ran differs from"
                        + " the spec after execution: " + promised[i] + " vs " + t.getDataTableSpec());
                }
            }
        }
        return problems;
    }

    /**
     * Runs one node as KNIME would once its predecessors have executed: configure with their specs (a node whose
     * configure fails stays not configured, as KNIME leaves it IDLE with a warning), then execute.
     */
    private static NodeOutcome runNode(WorkflowDefinition wf, WorkflowDefinition.Node node,
        Map<Integer, NodeOutcome> done, PortObjectSpec[] promised) {
        NodeHarness<NodeModel> h;
        try {
            h = harness(node.factory());
        } catch (Exception e) {
            return outcome(node, Status.FAILED, null, "Cannot create node: " + e, null, List.of());
        }
        try {
            int inPorts = ShimAccess.inPortCount(h.model());
            PortObject[] inputs = new PortObject[inPorts];
            for (WorkflowDefinition.Connection c : wf.connections()) {
                if (c.dest() != node.id()) {
                    continue;
                }
                NodeOutcome src = done.get(c.source());
                if (src == null || src.status() != Status.EXECUTED) {
                    return outcome(node, Status.NOT_EXECUTED, null, "predecessor #" + c.source() + " did not execute",
                        null, List.of());
                }
                if (c.destPort() == 0) {
                    continue; // a flow-variable connection only orders the nodes
                }
                inputs[c.destPort() - 1] = src.outputs()[c.sourcePort() - 1];
            }
            h.loadSettings(node.model());
            try {
                h.configure(specs(inputs));
            } catch (InvalidSettingsException e) {
                return outcome(node, Status.NOT_CONFIGURED, null, message(e), h.warningMessage(), h.loggedErrors());
            }
            PortObject[] out = h.execute(inputs);
            List<String> errors = new ArrayList<>(h.loggedErrors());
            errors.addAll(specProblems(out, promised));
            return outcome(node, Status.EXECUTED, out, null, h.warningMessage(), errors);
        } catch (Exception e) {
            return outcome(node, Status.FAILED, null, message(e), h.warningMessage(), h.loggedErrors());
        } finally {
            h.close();
        }
    }

    private static PortObjectSpec[] specs(PortObject[] objects) {
        PortObjectSpec[] specs = new PortObjectSpec[objects.length];
        for (int i = 0; i < objects.length; i++) {
            specs[i] = objects[i] == null ? null : objects[i].getSpec();
        }
        return specs;
    }

    private static NodeOutcome outcome(WorkflowDefinition.Node node, Status status, PortObject[] outputs,
        String message, String warning, List<String> loggedErrors) {
        return new NodeOutcome(node.id(), node.toString(), status, message, warning, loggedErrors, outputs);
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
}
