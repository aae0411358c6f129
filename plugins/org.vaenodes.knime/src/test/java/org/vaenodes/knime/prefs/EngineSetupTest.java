package org.vaenodes.knime.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vaenodes.engine.backend.BackendChoice;
import org.vaenodes.engine.backend.BackendStatus;
import org.vaenodes.engine.backend.Nd4jRuntime;

/**
 * The preference reaches the engine before ND4J starts, and nothing changes afterwards. ND4J is a JVM-wide
 * singleton shared with the node tests in this JVM, so the test accepts either order: ND4J not yet started (the
 * preference is applied and shows in the reason) or already started by another test (configure is a no-op).
 */
class EngineSetupTest {

    @Test
    void thePreferenceIsTheEnginesRequestUntilNd4jStarts() {
        BackendStatus status;
        if (!Nd4jRuntime.isStarted()) {
            VaeNodesPreferences.Values v = EngineSetup.configure(Map.of(VaeNodesPreferences.BACKEND, "cpu")::get);
            assertEquals(new VaeNodesPreferences.Values(BackendChoice.CPU, ""), v);
            assertEquals(BackendChoice.CPU, EngineSetup.applied());
            status = Nd4jRuntime.ensureStarted(null);
            assertEquals("CPU", status.backend());
            assertTrue(status.reason().startsWith("CPU requested (VAE Nodes preference)"), status.reason());
        } else {
            status = Nd4jRuntime.status();
        }
        // once started, configure does nothing and reports so
        assertNull(EngineSetup.configure(Map.of(VaeNodesPreferences.BACKEND, "cuda")::get));
        assertEquals(status, Nd4jRuntime.status());
        EngineSetup.ensureConfigured(); // the nodes' call: harmless after start, also without Eclipse running
        assertEquals(status, Nd4jRuntime.status());
    }

    @Test
    void anInvalidStoredLimitNeverFailsANode() {
        // toOffHeapLimit drops it before the engine sees it
        assertEquals("", VaeNodesPreferences.read(Map.of(VaeNodesPreferences.OFF_HEAP_LIMIT, "lots")::get)
            .offHeapLimit());
    }
}
