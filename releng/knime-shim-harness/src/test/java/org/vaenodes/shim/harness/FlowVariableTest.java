package org.vaenodes.shim.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.junit.jupiter.api.Test;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

class FlowVariableTest {

    /** A model without ports that pushes a few variables. */
    static final class VarModel extends NodeModel {
        VarModel() {
            super(0, 0);
        }

        void push() {
            pushFlowVariableInt("epochs", 7);
            pushFlowVariableDouble("loss", 0.25);
            pushFlowVariableString("name", "vae");
            pushFlowVariableString("upstreamInt", "shadow");
        }

        @Override
        protected void loadInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        }

        @Override
        protected void saveInternals(final File nodeInternDir, final ExecutionMonitor exec) {
        }

        @Override
        protected void saveSettingsTo(final NodeSettingsWO settings) {
        }

        @Override
        protected void validateSettings(final NodeSettingsRO settings) {
        }

        @Override
        protected void loadValidatedSettingsFrom(final NodeSettingsRO settings) {
        }

        @Override
        protected void reset() {
        }
    }

    @Test
    void pushAndPeek() {
        VarModel m = new VarModel();
        ShimAccess.setInputFlowVariables(m, Map.of("upstreamInt", 3, "upstreamDouble", 1.5, "upstreamString", "u"));
        assertEquals(3, m.peekFlowVariableInt("upstreamInt"));
        assertEquals(1.5, m.peekFlowVariableDouble("upstreamDouble"));
        assertEquals("u", m.peekFlowVariableString("upstreamString"));
        assertThrows(NoSuchElementException.class, () -> m.peekFlowVariableInt("upstreamDouble"), "wrong type");
        assertThrows(NoSuchElementException.class, () -> m.peekFlowVariableString("missing"));

        m.push();
        assertEquals(7, m.peekFlowVariableInt("epochs"));
        assertEquals(0.25, m.peekFlowVariableDouble("loss"));
        assertEquals("vae", m.peekFlowVariableString("name"));
        assertEquals("shadow", m.peekFlowVariableString("upstreamInt"), "own variable first");
        assertEquals(3, m.peekFlowVariableInt("upstreamInt"), "input variable of the asked type still visible");
        assertEquals(List.of("epochs", "loss", "name", "upstreamInt"),
            List.copyOf(ShimAccess.pushedFlowVariables(m).keySet()));
        assertEquals(7, ShimAccess.pushedFlowVariables(m).get("epochs"));
    }
}
