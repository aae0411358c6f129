package org.vaenodes.knime.testflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.vaenodes.shim.harness.NodeHarness;
import org.vaenodes.shim.harness.ShimAccess;

/**
 * Every testflow is a well-formed KNIME workflow: each node's settings.xml names a factory of our bundle (or
 * KNIME's Testflow Configuration) with the bundle entries KNIME reads on load; connections join existing nodes on
 * ports that exist; no setting holds an absolute path, so the flows run wherever they are checked out.
 */
class TestflowStructureTest {

    static Stream<Path> testflows() throws Exception {
        return TestflowsTest.testflows();
    }

    @org.junit.jupiter.api.Test
    void aFlowSavedByANewerKnimeIsRefusedAsKnime53Would(@org.junit.jupiter.api.io.TempDir Path dir)
        throws Exception {
        Path flow = TestflowsTest.ROOT.resolve("01_mnist_vae_grid");
        for (String[] header : new String[][] {{"5.12.0", "5.1.0"}, {"5.3.0", "5.12.0"}}) {
            Path copy = dir.resolve(header[0] + "-" + header[1]);
            copyTree(flow, copy);
            Path wf = copy.resolve("workflow.knime");
            java.nio.file.Files.writeString(wf, java.nio.file.Files.readString(wf)
                .replace("key=\"created_by\" type=\"xstring\" value=\"5.3.0\"",
                    "key=\"created_by\" type=\"xstring\" value=\"" + header[0] + "\"")
                .replace("key=\"version\" type=\"xstring\" value=\"5.1.0\"",
                    "key=\"version\" type=\"xstring\" value=\"" + header[1] + "\""));
            String msg = org.junit.jupiter.api.Assertions.assertThrows(
                org.knime.core.node.InvalidSettingsException.class, () -> WorkflowDefinition.read(copy)).getMessage();
            assertTrue(msg.contains("created with a future version of KNIME") && msg.contains("You are running 5.3.0"),
                msg);
        }
        copyTree(flow, dir.resolve("as-is"));
        assertFalse(WorkflowDefinition.read(dir.resolve("as-is")).nodes().isEmpty(), "the flow itself loads");
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> s = java.nio.file.Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(t);
                } else {
                    java.nio.file.Files.copy(p, t);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("testflows")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void isAWellFormedKnimeWorkflow(Path flow) throws Exception {
        NodeSettings header;
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(flow.resolve("workflow.knime"))) {
            header = (NodeSettings) NodeSettings.loadFromXML(in);
        }
        assertEquals(KnimeWorkflowFormat.CREATED_BY, header.getString("created_by"),
            "written as KNIME 5.3 writes, so that 5.3 and every later release load it");
        assertEquals(KnimeWorkflowFormat.FORMAT_VERSION, header.getString("version"));
        assertFalse(header.getBoolean("created_by_nightly"));
        WorkflowDefinition wf = WorkflowDefinition.read(flow);
        assertFalse(wf.nodes().isEmpty());
        for (WorkflowDefinition.Node n : wf.nodes().values()) {
            NodeSettings s = n.settings();
            String factory = s.getString("factory");
            for (String key : List.of("node-name", "node-bundle-name", "node-bundle-symbolic-name",
                "node-bundle-vendor")) {
                assertTrue(s.containsKey(key), n + ": settings.xml lacks '" + key + "' (KNIME needs it to load)");
            }
            if (WorkflowRunner.TESTFLOW_CONFIG_FACTORY.equals(factory)) {
                assertEquals("org.knime.testing", s.getString("node-bundle-symbolic-name"));
                continue;
            }
            assertEquals(TestflowWriter.BUNDLE, s.getString("node-bundle-symbolic-name"), n.toString());
            Class<?> cls = Class.forName(factory);
            assertTrue(NodeFactory.class.isAssignableFrom(cls), factory + " is not a NodeFactory");
            String name = KnimeWorkflowFormat.nodeName((Class) cls);
            assertEquals(name, s.getString("name"), n + ": the node's name is its factory's node name, as in KNIME");
            assertEquals(name, s.getString("node-name"), n.toString());
            assertEquals(KnimeWorkflowFormat.nodeFolder(name, n.id()) + "/settings.xml", n.settingsFile(),
                n + ": KNIME's folder name for the node");
            assertTrue(s.containsKey("nodeAnnotation"), n + " has no annotation saying what it does in the flow");
            assertEquals("text/plain", s.getNodeSettings("nodeAnnotation").getString("contentType"));
            assertTrue(s.containsKey("model"), n + " has no model settings");
            assertEquals(List.of(), absolutePaths(n.model(), ""), n + " holds absolute paths");
        }
        for (WorkflowDefinition.Connection c : wf.connections()) {
            assertTrue(wf.nodes().containsKey(c.source()) && wf.nodes().containsKey(c.dest()), c.toString());
            if (c.sourcePort() == 0 || c.destPort() == 0) {
                // KNIME's hidden flow-variable ports connect only to each other
                assertTrue(c.sourcePort() == 0 && c.destPort() == 0, c + ": a flow-variable port to a data port");
                continue;
            }
            NodeModel src = model(wf.nodes().get(c.source()).factory());
            NodeModel dst = model(wf.nodes().get(c.dest()).factory());
            assertTrue(c.sourcePort() >= 1 && c.sourcePort() <= ShimAccess.outPortCount(src),
                c + ": source port out of range (port 0 is the flow-variable port)");
            assertTrue(c.destPort() >= 1 && c.destPort() <= ShimAccess.inPortCount(dst), c + ": dest port out of range");
            assertTrue(ShimAccess.inPortType(dst, c.destPort() - 1).getPortObjectClass()
                .isAssignableFrom(ShimAccess.outPortType(src, c.sourcePort() - 1).getPortObjectClass()),
                c + ": port types do not match");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static NodeModel model(String factory) throws Exception {
        NodeHarness<NodeModel> h = NodeHarness.of((Class) Class.forName(factory));
        h.close();
        return h.model();
    }

    private static List<String> absolutePaths(NodeSettings s, String prefix) throws Exception {
        List<String> found = new ArrayList<>();
        for (String key : s) {
            try {
                found.addAll(absolutePaths((NodeSettings) s.getNodeSettings(key), prefix + key + "/"));
                continue;
            } catch (Exception notAConfig) {
                // a plain entry: check it below
            }
            String v = s.getString(key, null);
            if (v != null && (v.startsWith("/") || v.startsWith("file:") || v.matches("^[A-Za-z]:\\\\.*"))) {
                found.add(prefix + key + "=" + v);
            }
        }
        return found;
    }

}
