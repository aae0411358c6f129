package org.vaenodes.knime.testflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeSettings;

/** The runner reads the Testflow Configuration node's keys as the saved flow holds them. */
class TestflowConfigurationTest {

    @Test
    void flow04DeclaresItsFailingReaderAndTheErrorItMustShow() throws Exception {
        WorkflowDefinition wf = WorkflowDefinition.read(TestflowsTest.ROOT.resolve("04_idx_files_and_errors"));
        TestflowConfiguration config = null;
        for (WorkflowDefinition.Node n : wf.nodes().values()) {
            if (WorkflowRunner.TESTFLOW_CONFIG_FACTORY.equals(n.factory())) {
                config = TestflowConfiguration.read(n.model());
            }
        }
        assertEquals(List.of(2), config.failingNodes());
        assertEquals(Map.of(2, "is an IDX label file"), config.nodeErrors());
        assertEquals(Map.of(), config.nodeWarnings());
        assertEquals(300, config.timeoutSeconds());
        assertFalse(config.streamingTest());
        assertTrue(config.mustFail(2) && !config.mustFail(1));
    }

    @Test
    void nestedIdsAndWarningsAreRead() throws Exception {
        NodeSettings s = new NodeSettings("model");
        s.addStringArray("failingNodes", "7:3");
        NodeSettings warnings = (NodeSettings) s.addNodeSettings("requiredNodeWarnings");
        warnings.addString("nodeID_0", "7:5");
        warnings.addString("message_0", "selected automatically");
        warnings.addInt("count", 1);
        s.addStringArray("requiredLogErrors", "boom");
        TestflowConfiguration c = TestflowConfiguration.read(s);
        assertEquals(List.of(3), c.failingNodes());
        assertEquals(Map.of(5, "selected automatically"), c.nodeWarnings());
        assertEquals(List.of("boom"), c.requiredLogErrors());
        assertEquals(0, c.timeoutSeconds(), "absent keys keep KNIME's defaults");
    }
}
