package org.vaenodes.knime.testflows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.knime.core.node.port.PortObject;

/**
 * What one run of a testflow left on each node, whichever runtime ran it: our headless runner on the KNIME API shim,
 * or KNIME's own WorkflowManager (releng/knime-runtime-tests). The {@code expected} file, the Testflow Configuration
 * node's declarations and the port dumps are all judged on this, so both runtimes are held to the same checks.
 *
 * @param nodes        every node by id, in execution order
 * @param predecessors node id → ids of the nodes connected to its inputs (data and flow-variable connections)
 * @param config       what the flow's Testflow Configuration node declares (NONE without one)
 */
record FlowOutcome(Map<Integer, NodeOutcome> nodes, Map<Integer, Set<Integer>> predecessors,
    TestflowConfiguration config) {

    /**
     * How a node ended, in KNIME's terms: configure failing leaves a node not configured (KNIME: IDLE with a warning),
     * execute failing leaves it configured with an error, and a node behind either is not executed.
     */
    enum Status {
        EXECUTED, FAILED, NOT_CONFIGURED, NOT_EXECUTED;

        /** Whether the node failed on its own (at configure or at execute), not because of a predecessor. */
        boolean failed() {
            return this == FAILED || this == NOT_CONFIGURED;
        }
    }

    /**
     * One node's end.
     *
     * @param id           the node's id in the workflow
     * @param label        name and id as KNIME shows them, e.g. "VAE Learner (#2)"
     * @param status       how it ended
     * @param message      why it failed or did not execute (null when executed)
     * @param warning      the warning it shows (null: none)
     * @param loggedErrors errors and coding problems it logged
     * @param outputs      its output port objects, data ports only (index 0 = port 1); null unless executed
     */
    record NodeOutcome(int id, String label, Status status, String message, String warning,
        List<String> loggedErrors, PortObject[] outputs) {

        @Override
        public String toString() {
            return label + ": " + status + (message != null ? " - " + message : "")
                + (warning != null ? " [warning: " + warning + "]" : "");
        }
    }

    /** Whether {@code id} is behind a node that did not execute (so it cannot have executed either). */
    boolean behindUnexecuted(int id) {
        return predecessors.getOrDefault(id, Set.of()).stream()
            .anyMatch(p -> nodes.containsKey(p) && nodes.get(p).status() != Status.EXECUTED);
    }

    /** The output port object {@code port} (1 = first data port) of node {@code id}. */
    PortObject port(int id, int port) {
        NodeOutcome n = nodes.get(id);
        if (n == null || n.outputs() == null) {
            throw new IllegalStateException("node #" + id + " has no outputs");
        }
        return n.outputs()[port - 1];
    }
}
