package org.vaenodes.engine.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.vaenodes.engine.backend.Nd4jRuntime;

/** Runs inside Equinox: proves the embedded ND4J jars and natives load from the engine bundle's class path. */
class EngineInOsgiTest {

    @Test
    void engineIsARealOsgiBundle() {
        Bundle engine = FrameworkUtil.getBundle(Nd4jRuntime.class);
        assertNotNull(engine, "engine classes must come from an OSGi bundle, not the flat class path");
        assertEquals("org.vaenodes.engine", engine.getSymbolicName());
    }

    @Test
    void nd4jCpuBackendLoadsInsideOsgi() {
        assertEquals("CpuBackend", Nd4jRuntime.ensureStarted());
    }
}
