package org.vaenodes.knime.testflows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;

/**
 * A KNIME workflow as stored on disk — {@code workflow.knime} plus one {@code settings.xml} per node — read
 * without KNIME: which nodes exist (with their full settings) and how their ports are connected.
 */
record WorkflowDefinition(Path dir, Map<Integer, Node> nodes, List<Connection> connections,
    List<BatchOverrides.Variable> variables) {

    /** A native node: its id, settings file (relative to the workflow) and the parsed settings.xml. */
    record Node(int id, String settingsFile, NodeSettings settings) {

        String factory() throws InvalidSettingsException {
            return settings.getString("factory");
        }

        String name() {
            return settings.getString("name", settings.getString("node-name", "node"));
        }

        /** The node's model settings: what NodeModel.saveSettingsTo wrote. */
        NodeSettings model() throws InvalidSettingsException {
            return (NodeSettings) settings.getNodeSettings("model");
        }

        @Override
        public String toString() {
            return name() + " (#" + id + ")";
        }
    }

    /**
     * A connection; port numbers as stored in workflow.knime, where port 0 is KNIME's implicit flow-variable port,
     * so a node model's data port i is port i + 1 here.
     */
    record Connection(int source, int sourcePort, int dest, int destPort) {
    }

    /** Reads a flow for our runner, refusing one that KNIME 5.3.0 would refuse (see {@link KnimeWorkflowFormat}). */
    static WorkflowDefinition read(Path dir) throws IOException, InvalidSettingsException {
        NodeSettingsRO wf = load(dir.resolve("workflow.knime"));
        String refusal = KnimeWorkflowFormat.whyNotLoadable(wf.getString("created_by", null),
            wf.getString("version", "0.9.0"), wf.getBoolean("created_by_nightly", false));
        if (refusal != null) {
            throw new InvalidSettingsException(dir.getFileName() + ": " + refusal);
        }
        return of(dir, wf);
    }

    /**
     * Reads a flow's nodes, connections and variables without judging its version: for a runtime that loads the flow
     * itself and applies its own rule (KNIME's WorkflowManager, which may have saved it in a newer version).
     */
    static WorkflowDefinition readAnyVersion(Path dir) throws IOException, InvalidSettingsException {
        return of(dir, load(dir.resolve("workflow.knime")));
    }

    private static WorkflowDefinition of(Path dir, NodeSettingsRO wf) throws IOException, InvalidSettingsException {
        Map<Integer, Node> nodes = new LinkedHashMap<>();
        NodeSettingsRO nodeList = wf.getNodeSettings("nodes");
        for (String key : nodeList) {
            NodeSettingsRO n = nodeList.getNodeSettings(key);
            if (n.getBoolean("node_is_meta", false)) {
                throw new InvalidSettingsException(dir + ": metanodes are not supported by this runner (" + key + ")");
            }
            int id = n.getInt("id");
            String file = n.getString("node_settings_file");
            nodes.put(id, new Node(id, file, (NodeSettings) load(dir.resolve(file))));
        }
        List<Connection> connections = new ArrayList<>();
        NodeSettingsRO conList = wf.getNodeSettings("connections");
        for (String key : conList) {
            NodeSettingsRO c = conList.getNodeSettings(key);
            connections.add(new Connection(c.getInt("sourceID"), c.getInt("sourcePort"), c.getInt("destID"),
                c.getInt("destPort")));
        }
        connections.sort(Comparator.comparingInt(Connection::dest).thenComparingInt(Connection::destPort));
        List<BatchOverrides.Variable> variables = new ArrayList<>();
        if (wf.containsKey("workflow_variables")) {
            NodeSettingsRO vars = wf.getNodeSettings("workflow_variables");
            for (String key : vars) {
                NodeSettingsRO v = vars.getNodeSettings(key);
                String type = switch (v.getString("class")) {
                    case "INTEGER" -> "int";
                    case "DOUBLE" -> "double";
                    default -> "String";
                };
                String value = switch (type) {
                    case "int" -> Integer.toString(v.getInt("value"));
                    case "double" -> Double.toString(v.getDouble("value"));
                    default -> v.getString("value");
                };
                variables.add(new BatchOverrides.Variable(v.getString("name"), value, type));
            }
        }
        return new WorkflowDefinition(dir, nodes, connections, variables);
    }

    private static NodeSettingsRO load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Missing workflow file " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return NodeSettings.loadFromXML(in);
        }
    }

    /** Node ids in an order where every node comes after the nodes feeding it. */
    List<Integer> executionOrder() {
        List<Integer> order = new ArrayList<>();
        List<Integer> pending = new ArrayList<>(nodes.keySet());
        while (!pending.isEmpty()) {
            Integer next = pending.stream()
                .filter(id -> connections.stream().filter(c -> c.dest() == id).allMatch(c -> order.contains(c.source())))
                .findFirst().orElseThrow(() -> new IllegalStateException(dir + ": the workflow has a cycle"));
            order.add(next);
            pending.remove(next);
        }
        return order;
    }
}
