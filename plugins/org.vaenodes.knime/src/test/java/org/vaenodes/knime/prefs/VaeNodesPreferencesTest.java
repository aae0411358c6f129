package org.vaenodes.knime.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaenodes.engine.backend.BackendChoice;
import org.vaenodes.engine.backend.BackendStatus;

/** Stored preference strings → what the nodes give the engine, validation, and the page's status line. */
class VaeNodesPreferencesTest {

    @Test
    void withoutEclipseTheDefaultsApply() {
        // plain JUnit: org.eclipse.core.runtime is on the class path but the platform is not running
        assertNull(EclipsePreferenceLookup.lookup());
        assertEquals(BackendChoice.AUTO, VaeNodesPreferences.backend());
        assertEquals("", VaeNodesPreferences.offHeapLimit());
        assertEquals(VaeNodesPreferences.Values.defaults(), VaeNodesPreferences.read(null));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {"auto,AUTO", "cpu,CPU", "cuda,CUDA", "' CUDA ',CUDA", "Cpu,CPU",
        "NULL,AUTO", "'',AUTO", "gpu,AUTO", "opencl,AUTO"})
    void storedBackendToChoice(String stored, BackendChoice expected) {
        assertEquals(expected, VaeNodesPreferences.toBackend(stored));
        assertEquals(expected, VaeNodesPreferences.read(Map.of(VaeNodesPreferences.BACKEND,
            stored == null ? "" : stored)::get).backend());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "4G", "4g", "4096m", "4096 M", "512MB", "8589934592", "1t", "100kb"})
    void validLimits(String text) {
        assertNull(VaeNodesPreferences.validateOffHeapLimit(text), text);
        assertEquals(text.trim(), VaeNodesPreferences.toOffHeapLimit(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0G", "-4G", "4.5G", "four", "4GiB", "G", "4 G B x", "4X"})
    void invalidLimitsAreRejectedAndIgnoredWhenStored(String text) {
        String error = VaeNodesPreferences.validateOffHeapLimit(text);
        assertNotNull(error, text);
        assertTrue(error.startsWith("Off-heap limit must"), error);
        assertEquals("", VaeNodesPreferences.toOffHeapLimit(text), "a bad stored value falls back to no limit");
    }

    @Test
    void readsBothKeys() {
        VaeNodesPreferences.Values v = VaeNodesPreferences.read(Map.of(VaeNodesPreferences.BACKEND, "cpu",
            VaeNodesPreferences.OFF_HEAP_LIMIT, " 6G ")::get);
        assertEquals(new VaeNodesPreferences.Values(BackendChoice.CPU, "6G"), v);
        // nothing stored at all (no defaults either): the built-in defaults
        assertEquals(VaeNodesPreferences.Values.defaults(), VaeNodesPreferences.read(k -> null));
    }

    @Test
    void statusBeforeStart() {
        String s = VaeNodesPreferences.statusText(null, null, BackendChoice.AUTO, null);
        assertTrue(s.startsWith("Not started yet"), s);
        assertTrue(s.contains("first VAE node execution"), s);
        assertFalse(s.contains("restart"), s);
    }

    @Test
    void statusAfterStartShowsBackendDeviceAndReason() {
        BackendStatus cpu = new BackendStatus("CPU", "Auto (VAE Nodes preference): using the CPU because the CUDA "
            + "backend is not installed.", "amd64, 8 cores");
        String s = VaeNodesPreferences.statusText(cpu, null, BackendChoice.AUTO, BackendChoice.AUTO);
        assertTrue(s.startsWith("Active: CPU (amd64, 8 cores). Auto (VAE Nodes preference)"), s);
        assertTrue(s.contains("applies after a KNIME restart"), s);
        assertFalse(s.contains("Restart KNIME to use"), s);
    }

    @Test
    void changingTheBackendAfterStartAsksForARestart() {
        BackendStatus cpu = new BackendStatus("CPU", "CPU requested (VAE Nodes preference).", "amd64, 8 cores");
        String s = VaeNodesPreferences.statusText(cpu, null, BackendChoice.CUDA, BackendChoice.CPU);
        assertTrue(s.contains("Restart KNIME to use CUDA: ND4J started with CPU"), s);
    }

    @Test
    void systemPropertyOverrideIsNamed() {
        String before = VaeNodesPreferences.statusText(null, " cpu ", BackendChoice.CUDA, null);
        assertTrue(before.contains("-Dvaenodes.backend=cpu (knime.ini or command line) overrides"), before);
        BackendStatus cpu = new BackendStatus("CPU", "CPU requested (-Dvaenodes.backend=cpu).", "amd64, 2 cores");
        String after = VaeNodesPreferences.statusText(cpu, "cpu", BackendChoice.CUDA, BackendChoice.CUDA);
        assertTrue(after.contains("overrides"), after);
        assertFalse(after.contains("Restart KNIME to use"), "a restart would not help: the property wins");
        assertEquals(before, VaeNodesPreferences.statusText(null, "cpu", BackendChoice.CUDA, null), "trimmed");
    }

    @Test
    void labels() {
        assertEquals("Auto", VaeNodesPreferences.label(BackendChoice.AUTO));
        assertEquals("CPU", VaeNodesPreferences.label(BackendChoice.CPU));
        assertEquals("CUDA", VaeNodesPreferences.label(BackendChoice.CUDA));
    }
}
