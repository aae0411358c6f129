package org.vaenodes.knime.testflows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;

/**
 * The settings of KNIME's Testflow Configuration node that our runner honours, under the keys that node saves: the
 * nodes that must fail (with the error text they must show), the warnings nodes must show, the log messages that
 * must or may appear, the time limit and whether the flow is also run in streaming mode.
 *
 * @param failingNodes     ids of nodes that must fail
 * @param nodeErrors       node id → text its error must contain (a node listed here must fail too)
 * @param nodeWarnings     node id → text its warning must contain
 * @param requiredLogErrors texts that must each appear in some logged error
 * @param optionalLogMessages texts of logged errors that are allowed
 * @param timeoutSeconds   the flow's time limit (0: none)
 * @param streamingTest    whether the flow must also pass in streaming execution
 */
record TestflowConfiguration(List<Integer> failingNodes, Map<Integer, String> nodeErrors,
    Map<Integer, String> nodeWarnings, List<String> requiredLogErrors, List<String> optionalLogMessages,
    int timeoutSeconds, boolean streamingTest) {

    /** The node factory of KNIME's Testflow Configuration node (org.knime.testing). */
    static final String FACTORY = "org.knime.testing.node.config.TestConfigNodeFactory";

    /** A flow without a Testflow Configuration node. */
    static final TestflowConfiguration NONE =
        new TestflowConfiguration(List.of(), Map.of(), Map.of(), List.of(), List.of(), 0, false);

    static TestflowConfiguration read(NodeSettingsRO s) throws InvalidSettingsException {
        List<Integer> failing = new ArrayList<>();
        for (String id : s.getStringArray("failingNodes", new String[0])) {
            failing.add(nodeId(id));
        }
        return new TestflowConfiguration(failing, perNode(s, "requiredNodeErrors"), perNode(s, "requiredNodeWarnings"),
            List.of(s.getStringArray("requiredLogErrors", new String[0])),
            List.of(s.getStringArray("optionalLogMessages", new String[0])), s.getInt("timeout", 0),
            s.getBoolean("streamingTest", false));
    }

    /** Whether node {@code id} must fail. */
    boolean mustFail(int id) {
        return failingNodes.contains(id) || nodeErrors.containsKey(id);
    }

    /** Ids are saved without the workflow's prefix ("5"), possibly nested ("3:5"): the last part is ours. */
    private static int nodeId(String id) {
        return Integer.parseInt(id.substring(id.lastIndexOf(':') + 1));
    }

    /** A "count" and pairs "nodeID_i" / "message_i", as the configuration node saves node errors and warnings. */
    private static Map<Integer, String> perNode(NodeSettingsRO s, String key) throws InvalidSettingsException {
        Map<Integer, String> out = new LinkedHashMap<>();
        if (!s.containsKey(key)) {
            return out;
        }
        NodeSettingsRO list = s.getNodeSettings(key);
        int count = list.getInt("count", 0);
        for (int i = 0; i < count; i++) {
            out.put(nodeId(list.getString("nodeID_" + i)), list.getString("message_" + i));
        }
        return out;
    }
}
