package org.vaenodes.knime.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.vaenodes.engine.backend.BackendChoice;
import org.vaenodes.engine.backend.BackendStatus;
import org.vaenodes.engine.backend.Nd4jRuntime;
import org.vaenodes.knime.prefs.EngineSetup;
import org.vaenodes.knime.prefs.VaeNodesPreferences;

/**
 * The node bundle inside Equinox, headless (no display, workbench not started): the preference initializer
 * registered in plugin.xml supplies the defaults through the platform's preference service, a value stored in the
 * instance scope (what the preference page writes) is what the nodes use, and it reaches the engine before ND4J
 * starts. The tests run in order: defaults, stored values, then ND4J starts (once per JVM).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreferencesInOsgiTest {

    private static final String Q = VaeNodesPreferences.QUALIFIER;

    @Test
    @Order(1)
    void nodeBundleIsResolvedAndTheUiStaysDormant() {
        Bundle nodes = FrameworkUtil.getBundle(VaeNodesPreferences.class);
        assertNotNull(nodes, "node classes must come from an OSGi bundle");
        assertEquals(Q, nodes.getSymbolicName());
        assertTrue(Platform.isRunning());
        Bundle workbench = Platform.getBundle("org.eclipse.ui.workbench");
        assertNotNull(workbench, "the node bundle requires org.eclipse.ui.workbench");
        assertTrue(workbench.getState() != Bundle.ACTIVE, "nothing here may need to start the workbench");
    }

    @Test
    @Order(2)
    void pluginXmlRegistersThePageUnderKnimeAndTheInitializer() throws Exception {
        Bundle nodes = FrameworkUtil.getBundle(VaeNodesPreferences.class);
        String xml;
        try (InputStream in = nodes.getEntry("plugin.xml").openStream()) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("point=\"org.eclipse.ui.preferencePages\""), xml);
        assertTrue(xml.contains("category=\"org.knime.workbench.ui.preferences\""), xml);
        assertTrue(xml.contains("class=\"org.vaenodes.knime.prefs.VaeNodesPreferencePage\""), xml);
        assertNotNull(nodes.getEntry("org/vaenodes/knime/prefs/VaeNodesPreferencePage.class"),
            "the page class is in the bundle");
        // the initializer's extension point belongs to equinox.preferences, which is here: the registry sees it
        IExtension[] ext = Platform.getExtensionRegistry().getExtensionPoint("org.eclipse.core.runtime.preferences")
            .getExtensions();
        IConfigurationElement init = Arrays.stream(ext).filter(e -> Q.equals(e.getContributor().getName()))
            .flatMap(e -> Arrays.stream(e.getConfigurationElements())).filter(c -> c.getName().equals("initializer"))
            .findFirst().orElseThrow(() -> new AssertionError("no preference initializer from " + Q));
        assertEquals("org.vaenodes.knime.prefs.VaeNodesPreferenceInitializer", init.getAttribute("class"));
    }

    @Test
    @Order(3)
    void defaultsComeFromTheInitializerThroughThePreferencesService() {
        assertEquals("auto", Platform.getPreferencesService().getString(Q, VaeNodesPreferences.BACKEND, null, null));
        assertEquals("", Platform.getPreferencesService().getString(Q, VaeNodesPreferences.OFF_HEAP_LIMIT, null,
            null));
        IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(Q);
        assertEquals("auto", defaults.get(VaeNodesPreferences.BACKEND, null));
        assertEquals(BackendChoice.AUTO, VaeNodesPreferences.backend());
        assertEquals("", VaeNodesPreferences.offHeapLimit());
    }

    @Test
    @Order(4)
    void instanceScopeValuesAreWhatTheNodesUse() throws Exception {
        IEclipsePreferences instance = InstanceScope.INSTANCE.getNode(Q);
        instance.put(VaeNodesPreferences.BACKEND, "cpu");
        instance.put(VaeNodesPreferences.OFF_HEAP_LIMIT, "3G");
        instance.flush();
        assertEquals(BackendChoice.CPU, VaeNodesPreferences.backend());
        assertEquals("3G", VaeNodesPreferences.offHeapLimit());
        // a hand-edited bad value never breaks a node: defaults instead
        instance.put(VaeNodesPreferences.BACKEND, "gpu");
        assertEquals(BackendChoice.AUTO, VaeNodesPreferences.backend());
        instance.put(VaeNodesPreferences.BACKEND, "cpu");
    }

    @Test
    @Order(5)
    void theNodesHandThePreferenceToTheEngineBeforeNd4jStarts() {
        assertNull(Nd4jRuntime.status(), "nothing in this JVM may have started ND4J before");
        assertNull(System.getProperty(Nd4jRuntime.BACKEND_PROPERTY), "the system property would win");
        boolean limitWasSet = System.getProperty(Nd4jRuntime.MAX_BYTES_PROPERTY) != null;

        EngineSetup.ensureConfigured(); // what every VAE node's execute does first
        assertEquals(BackendChoice.CPU, EngineSetup.applied());
        if (!limitWasSet) {
            assertEquals("3G", System.getProperty(Nd4jRuntime.MAX_BYTES_PROPERTY));
        }
        BackendStatus status = Nd4jRuntime.ensureStarted(null);
        assertEquals("CPU", status.backend());
        assertTrue(status.reason().startsWith("CPU requested (VAE Nodes preference)"), status.reason());

        // after the start: a new choice is stored but needs a restart, and the page says so
        InstanceScope.INSTANCE.getNode(Q).put(VaeNodesPreferences.BACKEND, "auto");
        EngineSetup.ensureConfigured();
        assertEquals(status, Nd4jRuntime.status(), "ND4J keeps its backend for the JVM");
        String line = VaeNodesPreferences.statusText(Nd4jRuntime.status(), null, VaeNodesPreferences.backend(),
            EngineSetup.applied());
        assertTrue(line.startsWith("Active: CPU"), line);
        assertTrue(line.contains("Restart KNIME to use Auto"), line);
        InstanceScope.INSTANCE.getNode(Q).remove(VaeNodesPreferences.BACKEND);
        InstanceScope.INSTANCE.getNode(Q).remove(VaeNodesPreferences.OFF_HEAP_LIMIT);
    }
}
