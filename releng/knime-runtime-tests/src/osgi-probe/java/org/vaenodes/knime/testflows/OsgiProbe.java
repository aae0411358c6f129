package org.vaenodes.knime.testflows;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.Platform;
import org.knime.core.node.KNIMEConstants;
import org.knime.core.node.NodeLogger;
import org.knime.core.node.port.PortTypeRegistry;

/**
 * What the OSGi test asks of KNIME from inside the framework (called by the launcher through this bundle's class
 * loader, so that every class comes from the bundles p2 installed): the extension registry's view of our bundle, and
 * flows run by KNIME's own batch executor.
 */
public final class OsgiProbe {

    private OsgiProbe() {
    }

    /**
     * Our contributions as KNIME's extension registry lists them: one line per node factory, port type and
     * preference page ("point element-class").
     */
    public static List<String> registry(String contributor) {
        List<String> out = new ArrayList<>();
        for (String point : List.of("org.knime.workbench.repository.nodes", "org.knime.core.PortType",
            "org.eclipse.ui.preferencePages")) {
            var xp = Platform.getExtensionRegistry().getExtensionPoint(point);
            if (xp == null) {
                out.add(point + " (no such extension point)");
                continue;
            }
            for (IExtension x : xp.getExtensions()) {
                if (x.getContributor().getName().equals(contributor)) {
                    for (IConfigurationElement e : x.getConfigurationElements()) {
                        String cls = e.getAttribute("factory-class") != null ? e.getAttribute("factory-class")
                            : e.getAttribute("objectClass") != null ? e.getAttribute("objectClass")
                                : e.getAttribute("class");
                        out.add(point + " " + cls);
                    }
                }
            }
        }
        return out;
    }

    /** Whether KNIME's port type registry knows {@code objectClass} (it loads the class through its bundle). */
    public static String portType(String objectClass) {
        var type = PortTypeRegistry.getInstance().availablePortTypes().stream()
            .filter(t -> t.getPortObjectClass().getName().equals(objectClass)).findFirst();
        return type.map(t -> t.getName() + " (" + t.getPortObjectClass().getName() + ")").orElse("unknown");
    }

    /**
     * Opens the Eclipse workspace KNIME's batch executor polls for a cancel file, and sends DEBUG to FATAL to
     * knime.log, as KNIME AP's workbench preferences do by default (the core alone leaves the file quiet).
     *
     * @return knime.log's path
     */
    public static String workspace() {
        ResourcesPlugin.getWorkspace().getRoot().getLocation().toOSString();
        NodeLogger.setAppenderLevelRange(NodeLogger.LOGFILE_APPENDER, NodeLogger.LEVEL.DEBUG, NodeLogger.LEVEL.FATAL);
        return KNIMEConstants.getKNIMEHomeDir() + "/" + NodeLogger.LOG_FILE;
    }

    /** What runs the flows in this core: KNIME's BatchExecutor, or our stand-in where the core has none. */
    public static String batchRunner() {
        return OsgiBatchRun.NAME;
    }

    /**
     * Runs KNIME's batch executor (or, on cores without one, its stand-in) with {@code args}; exports the image ports {@code exports} names ("node:port file"
     * pairs) of the executed workflow.
     *
     * @return the exit code, the milliseconds from {@code t0} (System.nanoTime) to the first executed node (-1 if
     *         none), then one line per node: "#id name: STATE [TYPE] message", then the exported files
     */
    public static List<String> runBatch(String[] args, List<String> exports, long t0) throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        // KNIME AP's main thread sees KNIME through Equinox's context finder; log4j and XMLBeans look there
        Thread.currentThread().setContextClassLoader(OsgiProbe.class.getClassLoader());
        try {
            return OsgiBatchRun.run(args, exports, t0);
        } finally {
            Thread.currentThread().setContextClassLoader(before);
        }
    }
}
