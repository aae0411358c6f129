package org.vaenodes.knime.testflows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.workflow.ConnectionContainer;
import org.knime.core.node.workflow.FlowVariable;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeContainerState;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.NodeMessage;
import org.knime.core.node.workflow.WorkflowLoadHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.WorkflowPersistor.LoadResultEntry.LoadResultEntryType;
import org.knime.core.node.workflow.WorkflowPersistor.WorkflowLoadResult;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;
import org.knime.core.util.LoadVersion;
import org.knime.core.util.Version;

/**
 * One workflow in KNIME's own WorkflowManager, loaded as KNIME's batch executor loads it (a local workflow in batch
 * mode, loaded in place, so always from a copy) and seen through the runtime-independent {@link FlowOutcome}.
 */
final class KnimeFlow implements AutoCloseable {

    final Path dir;
    final WorkflowManager wfm;
    final WorkflowLoadResult loadResult;
    /**
     * Settings of the flow's Testflow Configuration node (KNIME's testing framework), which loads as MISSING here:
     * read from the flow's files as our runner reads them.
     */
    final TestflowConfiguration config;
    private final Set<Integer> testingNodes;

    private KnimeFlow(Path dir, WorkflowLoadResult loadResult, TestflowConfiguration config, Set<Integer> testing) {
        this.dir = dir;
        this.loadResult = loadResult;
        this.wfm = loadResult.getWorkflowManager();
        this.config = config;
        this.testingNodes = testing;
    }

    static KnimeFlow load(Path dir) throws Exception {
        var context = WorkflowContextV2.builder()
            .withAnalyticsPlatformExecutor(exec -> exec.withCurrentUserAsUserId()
                .withLocalWorkflowPath(dir.toAbsolutePath()).withBatchMode(true))
            .withLocalLocation().build();
        WorkflowLoadHelper helper = new WorkflowLoadHelper(false, context) {
            @Override
            public UnknownKNIMEVersionLoadPolicy getUnknownKNIMEVersionLoadPolicy(LoadVersion format,
                Version createdBy, boolean nightly) {
                // Only asked when the flow looks newer than this KNIME; on a plain class path KNIME may not know its
                // own version. KNIME AP's batch executor would refuse; we load and say so.
                System.out.println("[knime]   created by " + createdBy + " (format " + format
                    + "), newer than this KNIME says it is: loaded anyway");
                return UnknownKNIMEVersionLoadPolicy.Try;
            }
        };
        WorkflowLoadResult r = WorkflowManager.loadProject(dir.toFile(), new ExecutionMonitor(), helper);
        if (r.getWorkflowManager() == null) {
            throw new IOException("KNIME could not load " + dir + ": " + r.getFilteredError("", LoadResultEntryType.Error));
        }
        Set<Integer> testing = new TreeSet<>();
        TestflowConfiguration config = TestflowConfiguration.NONE;
        for (WorkflowDefinition.Node n : WorkflowDefinition.readAnyVersion(dir).nodes().values()) {
            if (TestflowConfiguration.FACTORY.equals(n.factory())) {
                testing.add(n.id());
                config = TestflowConfiguration.read(n.model());
            }
        }
        return new KnimeFlow(dir, r, config, testing);
    }

    /** Load problems other than the Testflow Configuration node's (its plug-in is not installed here). */
    List<String> loadProblems() {
        List<String> out = new ArrayList<>();
        if (loadResult.hasErrors()) {
            for (String l : loadResult.getFilteredError("", LoadResultEntryType.Error).split("\n")) {
                if (!l.isBlank() && !l.contains("org.knime.testing") && !l.contains("Loaded workflow")
                    && !l.contains("Status: Error")) {
                    out.add(l.strip());
                }
            }
        }
        return out;
    }

    boolean hasTestingNode() {
        return !testingNodes.isEmpty();
    }

    NodeContainer node(int id) {
        return wfm.getNodeContainer(new NodeID(wfm.getID(), id));
    }

    /** Our nodes (every node but the Testflow Configuration), by id. */
    List<NodeContainer> ourNodes() {
        return wfm.getNodeContainers().stream().filter(nc -> !testingNodes.contains(nc.getID().getIndex()))
            .sorted((a, b) -> Integer.compare(a.getID().getIndex(), b.getID().getIndex())).toList();
    }

    /** Ids of every node downstream of {@code id}. */
    Set<Integer> successors(int id) {
        Set<Integer> out = new TreeSet<>();
        List<Integer> todo = new ArrayList<>(List.of(id));
        while (!todo.isEmpty()) {
            int n = todo.remove(0);
            for (ConnectionContainer c : wfm.getConnectionContainers()) {
                if (c.getSource().getIndex() == n && out.add(c.getDest().getIndex())) {
                    todo.add(c.getDest().getIndex());
                }
            }
        }
        return out;
    }

    static String label(NodeContainer nc) {
        return nc.getName() + " (#" + nc.getID().getIndex() + ")";
    }

    /**
     * How KNIME left each node, in the terms our checks use; each node's logged errors and coding problems are the
     * ERROR/CODING entries of {@code log} that name it.
     */
    FlowOutcome outcome(List<KnimeLogWindow.Entry> log) {
        Map<Integer, List<String>> logged = new TreeMap<>();
        java.util.regex.Pattern ofNode = java.util.regex.Pattern.compile(" : " + java.util.regex.Pattern.quote(
            wfm.getID().toString()) + ":(\\d+) : ");
        for (KnimeLogWindow.Entry e : log) {
            java.util.regex.Matcher m = ofNode.matcher(e.text());
            if ((e.level().equals("ERROR") || e.level().equals("CODING")) && m.find()) {
                logged.computeIfAbsent(Integer.valueOf(m.group(1)), k -> new ArrayList<>()).add(e.toString());
            }
        }
        Map<Integer, FlowOutcome.NodeOutcome> nodes = new LinkedHashMap<>();
        for (NodeContainer nc : ourNodes()) {
            NodeMessage msg = nc.getNodeMessage();
            String text = msg.getMessageType() == NodeMessage.Type.RESET ? null : msg.getMessage();
            NodeContainerState state = nc.getNodeContainerState();
            FlowOutcome.Status status;
            if (state.isExecuted()) {
                status = FlowOutcome.Status.EXECUTED;
            } else if (msg.getMessageType() == NodeMessage.Type.ERROR) {
                status = FlowOutcome.Status.FAILED;
            } else if (msg.getMessageType() == NodeMessage.Type.WARNING && !state.isConfigured()) {
                status = FlowOutcome.Status.NOT_CONFIGURED; // configure failed: KNIME leaves the node IDLE
            } else {
                status = FlowOutcome.Status.NOT_EXECUTED;
            }
            boolean executed = status == FlowOutcome.Status.EXECUTED;
            String warning = executed && msg.getMessageType() == NodeMessage.Type.WARNING ? text : null;
            int id = nc.getID().getIndex();
            nodes.put(id, new FlowOutcome.NodeOutcome(id, label(nc), status, executed ? null : text, warning,
                logged.getOrDefault(id, List.of()), executed ? outputs(nc) : null));
        }
        Map<Integer, Set<Integer>> predecessors = new LinkedHashMap<>();
        for (ConnectionContainer c : wfm.getConnectionContainers()) {
            predecessors.computeIfAbsent(c.getDest().getIndex(), k -> new TreeSet<>()).add(c.getSource().getIndex());
        }
        return new FlowOutcome(nodes, predecessors, config);
    }

    private static PortObject[] outputs(NodeContainer nc) {
        PortObject[] out = new PortObject[nc.getNrOutPorts() - 1]; // port 0: flow variables
        for (int p = 1; p < nc.getNrOutPorts(); p++) {
            out[p - 1] = nc.getOutPort(p).getPortObject();
        }
        return out;
    }

    /** The node's state and KNIME's message, as a line of the report. */
    static String stateLine(NodeContainer nc) {
        NodeMessage m = nc.getNodeMessage();
        return label(nc) + ": " + nc.getNodeContainerState()
            + (m.getMessageType() == NodeMessage.Type.RESET ? "" : " [" + m.getMessageType() + "] " + m.getMessage());
    }

    /**
     * A fingerprint of everything the nodes hold: per port "node-port" → SHA-256 of its {@link PortDump} (taken from
     * {@code known} where given), and per node "node-vars" → its outgoing flow variables.
     */
    Map<String, String> fingerprint(Map<String, String> known) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (NodeContainer nc : ourNodes()) {
            int id = nc.getID().getIndex();
            if (!nc.getNodeContainerState().isExecuted()) {
                continue;
            }
            for (int p = 1; p < nc.getNrOutPorts(); p++) {
                String key = id + "-" + p;
                PortObject po = nc.getOutPort(p).getPortObject();
                out.put(key, known.containsKey(key) ? known.get(key) : po == null ? "(no object)" : PortDump.digest(po));
            }
            var stack = nc.getOutPort(0).getFlowObjectStack();
            List<String> vars = new ArrayList<>();
            if (stack != null) {
                for (FlowVariable v : stack.getAllAvailableFlowVariables().values()) {
                    vars.add(v.getName() + "=" + v.getVariableType() + ":" + v.getValueAsString());
                }
            }
            vars.sort(null);
            out.put(id + "-vars", String.join(", ", vars));
        }
        return out;
    }

    Map<String, String> fingerprint() throws IOException {
        return fingerprint(Map.of());
    }

    /** Saves the flow with its data where it was loaded from, as KNIME's batch executor does without -nosave. */
    void save() throws Exception {
        wfm.save(dir.toFile(), new ExecutionMonitor(), true);
    }

    @Override
    public void close() {
        WorkflowManager.ROOT.removeProject(wfm.getID());
    }
}
