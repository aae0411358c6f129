package org.vaenodes.knime.testflows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsWO;
import org.vaenodes.shim.harness.NodeHarness;

/**
 * Writes a workflow in KNIME's on-disk format (workflow.knime + one settings.xml per node), starting from each
 * node's default settings as its NodeModel saves them, so no setting is ever missing. Used to author our
 * testflows; the files it writes open in KNIME Analytics Platform like any saved workflow.
 */
final class TestflowWriter {

    static final String BUNDLE = "org.vaenodes.knime";

    /**
     * One node to write: factory, the annotation shown under it (what it does in this flow; its name is the
     * factory's node name, as in KNIME), setting overrides and flow-variable bindings (setting → variable).
     */
    record NodeSpec(int id, Class<? extends NodeFactory<?>> factory, String annotation, Map<String, Object> settings,
        Map<String, String> variableBindings, int x, int y) {
    }

    private final List<NodeSpec> nodes = new ArrayList<>();
    private final List<int[]> connections = new ArrayList<>();
    private final Map<String, Object> workflowVariables = new LinkedHashMap<>();
    private final NodeSettings testflowConfig;

    TestflowWriter() {
        this(null);
    }

    TestflowWriter(NodeSettings testflowConfigModel) {
        this.testflowConfig = testflowConfigModel;
    }

    TestflowWriter node(NodeSpec n) {
        nodes.add(n);
        return this;
    }

    /** Connects data ports, counted from 0 as the node model counts them (written +1 as KNIME does). */
    TestflowWriter connect(int source, int sourcePort, int dest, int destPort) {
        connections.add(new int[] {source, sourcePort + 1, dest, destPort + 1});
        return this;
    }

    /** Connects the hidden flow-variable ports (0 in KNIME's numbering): dest runs after source. */
    TestflowWriter connectVariables(int source, int dest) {
        connections.add(new int[] {source, 0, dest, 0});
        return this;
    }

    TestflowWriter variable(String name, Object value) {
        workflowVariables.put(name, value);
        return this;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        NodeSettings wf = new NodeSettings("workflow.knime");
        wf.addString("created_by", KnimeWorkflowFormat.CREATED_BY);
        wf.addBoolean("created_by_nightly", false);
        wf.addString("version", KnimeWorkflowFormat.FORMAT_VERSION);
        wf.addString("name", null);
        wf.addString("customDescription", null);
        wf.addString("state", "IDLE");
        if (!workflowVariables.isEmpty()) {
            NodeSettingsWO vars = wf.addNodeSettings("workflow_variables");
            int i = 0;
            for (var e : workflowVariables.entrySet()) {
                NodeSettingsWO v = vars.addNodeSettings("Var_" + i++);
                v.addString("name", e.getKey());
                if (e.getValue() instanceof Integer n) {
                    v.addString("class", "INTEGER");
                    v.addInt("value", n);
                } else if (e.getValue() instanceof Double d) {
                    v.addString("class", "DOUBLE");
                    v.addDouble("value", d);
                } else {
                    v.addString("class", "STRING");
                    v.addString("value", String.valueOf(e.getValue()));
                }
            }
        }
        wf.addNodeSettings("workflow_credentials");
        NodeSettingsWO nodeList = wf.addNodeSettings("nodes");
        List<NodeSpec> all = new ArrayList<>(nodes);
        for (NodeSpec n : all) {
            String name = KnimeWorkflowFormat.nodeName(n.factory());
            String folder = KnimeWorkflowFormat.nodeFolder(name, n.id());
            NodeSettingsWO e = nodeList.addNodeSettings("node_" + n.id());
            e.addInt("id", n.id());
            e.addString("node_settings_file", folder + "/settings.xml");
            e.addBoolean("node_is_meta", false);
            e.addString("node_type", "NativeNode");
            e.addString("ui_classname", "org.knime.core.node.workflow.NodeUIInformation");
            e.addNodeSettings("ui_settings").addIntArray("extrainfo.node.bounds", n.x(), n.y(), 120, 80);
            NodeHarness<NodeModel> h = NodeHarness.of((Class) n.factory());
            NodeSettings model = h.settings();
            h.close();
            save(nodeSettings(n, name, model, n.factory().getName(), BUNDLE, "VAE Nodes for KNIME", "VAE Nodes"),
                dir.resolve(folder).resolve("settings.xml"));
        }
        if (testflowConfig != null) {
            int id = 99;
            String folder = KnimeWorkflowFormat.nodeFolder("Testflow Configuration", id);
            NodeSettingsWO e = nodeList.addNodeSettings("node_" + id);
            e.addInt("id", id);
            e.addString("node_settings_file", folder + "/settings.xml");
            e.addBoolean("node_is_meta", false);
            e.addString("node_type", "NativeNode");
            e.addString("ui_classname", "org.knime.core.node.workflow.NodeUIInformation");
            e.addNodeSettings("ui_settings").addIntArray("extrainfo.node.bounds", 40, 300, 120, 80);
            NodeSpec spec = new NodeSpec(id, null, "Declares the nodes that must fail", Map.of(), Map.of(), 40, 300);
            save(nodeSettings(spec, "Testflow Configuration", testflowConfig, WorkflowRunner.TESTFLOW_CONFIG_FACTORY, "org.knime.testing",
                "Test-Node extension for KNIME Workbench", "KNIME AG, Zurich, Switzerland"),
                dir.resolve(folder).resolve("settings.xml"));
        }
        NodeSettingsWO cons = wf.addNodeSettings("connections");
        for (int i = 0; i < connections.size(); i++) {
            int[] c = connections.get(i);
            NodeSettingsWO e = cons.addNodeSettings("connection_" + i);
            e.addInt("sourceID", c[0]);
            e.addInt("destID", c[2]);
            e.addInt("sourcePort", c[1]);
            e.addInt("destPort", c[3]);
        }
        save(wf, dir.resolve("workflow.knime"));
    }

    /**
     * The node's annotation as KNIME 5.3 saves it in the node's settings.xml (key nodeAnnotation; plain text, centred
     * under the node, white background, annotation version 20230412, no styled ranges).
     */
    private static void annotation(NodeSettingsWO s, NodeSpec n) {
        if (n.annotation() == null || n.annotation().isEmpty()) {
            return;
        }
        NodeSettingsWO a = s.addNodeSettings("nodeAnnotation");
        a.addString("text", n.annotation());
        a.addString("contentType", "text/plain");
        a.addInt("bgcolor", 0xFFFFFF);
        a.addInt("x-coordinate", n.x() - 40);
        a.addInt("y-coordinate", n.y() + 60);
        a.addInt("width", 200);
        a.addInt("height", 15 * (1 + n.annotation().length() / 32));
        a.addString("alignment", "CENTER");
        a.addInt("borderSize", 0);
        a.addInt("borderColor", 0);
        a.addInt("defFontSize", -1);
        a.addInt("annotation-version", 20230412);
        a.addNodeSettings("styles");
    }

    private static NodeSettings nodeSettings(NodeSpec n, String name, NodeSettings model, String factory,
        String bundle, String bundleName, String vendor) {
        NodeSettings s = new NodeSettings("settings.xml");
        s.addString("node_file", "settings.xml");
        s.addNodeSettings("flow_stack");
        s.addNodeSettings("internal_node_subsettings").addString("memory_policy", "CacheSmallInMemory");
        NodeSettingsWO m = s.addNodeSettings("model");
        model.copyTo(m);
        n.settings().forEach((k, v) -> org.vaenodes.shim.harness.NodeHarness.put(m, k, v));
        if (!n.variableBindings().isEmpty()) {
            NodeSettingsWO vars = s.addNodeSettings("variables");
            vars.addString("version", "V_2019_09_13");
            NodeSettingsWO tree = vars.addNodeSettings("tree");
            n.variableBindings().forEach((setting, variable) -> {
                NodeSettingsWO b = tree.addNodeSettings(setting);
                b.addString("used_variable", variable);
                b.addBoolean("used_variable_flawed", false);
                b.addString("exposed_variable", null);
            });
        }
        s.addString("customDescription", null);
        s.addString("state", "IDLE");
        annotation(s, n);
        s.addString("factory", factory);
        s.addString("node-name", name);
        s.addString("node-bundle-name", bundleName);
        s.addString("node-bundle-symbolic-name", bundle);
        s.addString("node-bundle-vendor", vendor);
        s.addString("node-bundle-version", "0.1.0");
        s.addString("node-feature-name", null);
        s.addString("node-feature-symbolic-name", null);
        s.addString("node-feature-vendor", null);
        s.addString("node-feature-version", "0.0.0");
        s.addNodeSettings("factory_settings");
        s.addString("name", name);
        s.addBoolean("hasContent", false);
        s.addBoolean("isInactive", false);
        s.addNodeSettings("ports");
        NodeSettingsWO fs = s.addNodeSettings("filestores");
        fs.addString("file_store_location", null);
        fs.addString("file_store_id", null);
        return s;
    }

    private static void save(NodeSettings s, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            s.saveToXML(out);
        }
    }
}
