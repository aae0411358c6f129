package org.vaenodes.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * ND4J starts once per JVM: the CUDA request is checked first (it fails before ND4J starts), then the real start
 * with AUTO. Other test classes in the same JVM may already have started ND4J (always with the default, AUTO); the
 * tests accept that.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Nd4jRuntimeTest {

    @Test
    @Order(1)
    void cudaRequestedOnThisMachineIsAClearErrorAndDoesNotStartNd4j() {
        // observable only before ND4J starts; another test class in this JVM may have started it already
        assumeFalse(Nd4jRuntime.isStarted(), () -> "ND4J was already started in this JVM (" + Nd4jRuntime.status()
                + "), so a refusal before the start cannot be observed; laterCudaRequestOnlyGetsARestartNote "
                + "covers the CUDA request after the start");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Nd4jRuntime.ensureStarted(BackendChoice.CUDA));
        assertTrue(e.getMessage().contains("The CUDA backend was requested (VAE Nodes preference)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("install the \"VAE Nodes — CUDA backend\" feature"), e.getMessage());
        assertFalse(Nd4jRuntime.isStarted(), "a failed CUDA request must leave ND4J unstarted");
        assertNull(Nd4jRuntime.status());
    }

    @Test
    @Order(2)
    void autoStartsTheCpuBackendWithTheReason() {
        BackendStatus s = Nd4jRuntime.ensureStarted(BackendChoice.AUTO);
        assertEquals("CPU", s.backend());
        assertTrue(s.reason().startsWith("Auto"), s.reason());
        assertTrue(s.reason().contains("the CUDA backend is not installed"), s.reason());
        assertTrue(s.device().contains("cores"), s.device());
        assertSame(s, Nd4jRuntime.status());
        assertEquals("CpuBackend", Nd4jRuntime.ensureStarted());
        assertEquals("CpuBackend", org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName());
        // ND4J works
        assertEquals(6.0, org.nd4j.linalg.factory.Nd4j.createFromArray(1f, 2f, 3f).sumNumber().doubleValue(), 1e-6);
    }

    @Test
    @Order(3)
    void laterCudaRequestOnlyGetsARestartNote() {
        Nd4jRuntime.ensureStarted(BackendChoice.AUTO);
        BackendStatus s = Nd4jRuntime.ensureStarted(BackendChoice.CUDA);
        assertEquals("CPU", s.backend());
        assertTrue(s.reason().contains("CUDA is now requested by VAE Nodes preference"), s.reason());
        assertTrue(s.reason().contains("restart KNIME"), s.reason());
        BackendStatus viaPreference = Nd4jRuntime.setRequestedBackend(BackendChoice.CPU);
        assertTrue(viaPreference.reason().contains("restart KNIME"), viaPreference.reason());
        Nd4jRuntime.setRequestedBackend(null);
        assertFalse(Nd4jRuntime.ensureStarted(BackendChoice.AUTO).reason().contains("restart"));
        assertFalse(Nd4jRuntime.setOffHeapLimit("4G"), "too late once ND4J runs");
    }

    @Test
    @Order(4)
    void systemPropertyWinsOverTheCallerAndIsValidated() {
        String old = System.getProperty(Nd4jRuntime.BACKEND_PROPERTY);
        try {
            System.clearProperty(Nd4jRuntime.BACKEND_PROPERTY);
            assertEquals(new Nd4jRuntime.Request(BackendChoice.AUTO, "default"), Nd4jRuntime.request(null));
            assertEquals(BackendChoice.CUDA, Nd4jRuntime.request(BackendChoice.CUDA).choice());
            System.setProperty(Nd4jRuntime.BACKEND_PROPERTY, "CPU");
            Nd4jRuntime.Request r = Nd4jRuntime.request(BackendChoice.CUDA);
            assertEquals(BackendChoice.CPU, r.choice());
            assertEquals("-Dvaenodes.backend=CPU", r.source());
            System.setProperty(Nd4jRuntime.BACKEND_PROPERTY, "gpu");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Nd4jRuntime.request(BackendChoice.AUTO));
            assertTrue(e.getMessage().contains("system property vaenodes.backend"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(Nd4jRuntime.BACKEND_PROPERTY);
            } else {
                System.setProperty(Nd4jRuntime.BACKEND_PROPERTY, old);
            }
        }
    }
}
