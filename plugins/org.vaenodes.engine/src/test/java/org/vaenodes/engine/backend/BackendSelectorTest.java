package org.vaenodes.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every combination of requested backend × CUDA backend installed × driver present × CUDA runtime present. */
class BackendSelectorTest {

    static BackendProbe probe(boolean backend, boolean driver, boolean runtime) {
        return new BackendProbe(backend, driver, runtime,
                driver ? "found /usr/lib/x86_64-linux-gnu/libcuda.so.1" : "libcuda.so.1 not found in [/usr/lib64]",
                runtime ? "CUDA 11.6 runtime bundled with the CUDA backend" : "libcudart.so.11.0 is not bundled");
    }

    @Test
    void everyCombination() {
        int checked = 0;
        for (BackendChoice requested : BackendChoice.values()) {
            for (boolean backend : new boolean[] {false, true}) {
                for (boolean driver : new boolean[] {false, true}) {
                    for (boolean runtime : new boolean[] {false, true}) {
                        check(requested, backend, driver, runtime);
                        checked++;
                    }
                }
            }
        }
        assertEquals(24, checked);
    }

    private static void check(BackendChoice requested, boolean backend, boolean driver, boolean runtime) {
        BackendProbe p = probe(backend, driver, runtime);
        boolean usable = backend && driver && runtime;
        String label = requested + " backend=" + backend + " driver=" + driver + " runtime=" + runtime;
        switch (requested) {
        case CPU -> {
            BackendSelector.Decision d = BackendSelector.select(requested, "test", p);
            assertEquals(BackendChoice.CPU, d.backend(), label);
            assertTrue(d.reason().contains("CPU requested (test)"), d.reason());
        }
        case CUDA -> {
            if (usable) {
                BackendSelector.Decision d = BackendSelector.select(requested, "test", p);
                assertEquals(BackendChoice.CUDA, d.backend(), label);
                assertTrue(d.reason().contains("CUDA requested"), d.reason());
            } else {
                BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                        () -> BackendSelector.select(requested, "test", p), label);
                assertMentionsWhatIsMissing(e.getMessage(), backend, driver, runtime, label);
                assertTrue(e.getMessage().contains("CUDA backend was requested (test)"), e.getMessage());
                assertTrue(e.getMessage().contains("choose the CPU or Auto backend"), e.getMessage());
            }
        }
        case AUTO -> {
            BackendSelector.Decision d = BackendSelector.select(requested, "test", p);
            assertEquals(usable ? BackendChoice.CUDA : BackendChoice.CPU, d.backend(), label);
            if (!usable) {
                assertTrue(d.reason().startsWith("Auto (test): using the CPU because"), d.reason());
                assertMentionsWhatIsMissing(d.reason(), backend, driver, runtime, label);
            }
        }
        default -> throw new IllegalStateException();
        }
    }

    private static void assertMentionsWhatIsMissing(String msg, boolean backend, boolean driver, boolean runtime,
            String label) {
        assertEquals(!backend, msg.contains("install the \"VAE Nodes — CUDA backend\" feature"), label + ": " + msg);
        assertEquals(!driver, msg.contains("libcuda.so.1 not loadable"), label + ": " + msg);
        // a missing runtime is only reported when the backend is installed (without it nothing could be bundled)
        assertEquals(backend && !runtime, msg.contains("CUDA 11.6 runtime is missing"), label + ": " + msg);
    }

    @Test
    void missingListsEachProblemOnce() {
        List<String> all = BackendSelector.missing(probe(false, false, false));
        assertEquals(2, all.size(), all.toString());
        assertEquals(List.of(), BackendSelector.missing(probe(true, true, true)));
        List<String> three = new ArrayList<>(BackendSelector.missing(probe(true, false, false)));
        assertEquals(2, three.size(), three.toString());
    }

    @Test
    void parseAcceptsCpuCudaAutoInAnyCase() {
        assertEquals(BackendChoice.CPU, BackendChoice.parse("cpu"));
        assertEquals(BackendChoice.CUDA, BackendChoice.parse(" CUDA "));
        assertEquals(BackendChoice.AUTO, BackendChoice.parse("Auto"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackendChoice.parse("gpu", "system property vaenodes.backend"));
        assertEquals("Unknown ND4J backend 'gpu' in system property vaenodes.backend: use cpu, cuda or auto",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BackendChoice.parse(null));
        assertThrows(IllegalArgumentException.class, () -> BackendChoice.parse(""));
        assertEquals("cuda", BackendChoice.CUDA.key());
    }

    @Test
    void decisionIsNeverAuto() {
        assertThrows(IllegalArgumentException.class, () -> new BackendSelector.Decision(BackendChoice.AUTO, "x"));
        assertThrows(IllegalArgumentException.class, () -> new BackendStatus("GPU", "x", "y"));
        assertFalse(new BackendStatus("CPU", "r", "d").isCuda());
    }
}
