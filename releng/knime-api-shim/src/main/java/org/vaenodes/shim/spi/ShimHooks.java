package org.vaenodes.shim.spi;

import java.nio.file.Path;

import org.knime.core.node.NodeModel;

/**
 * Where the test harness (releng/knime-shim-harness, org.vaenodes.shim.harness.ShimAccess) finds the bridges into
 * the org.knime packages, and the workflow directory that FileUtil resolves knime://knime.workflow/ URLs against.
 * Not KNIME API. The bridge classes register themselves when they are initialised, on first use ("shared
 * secrets").
 */
public final class ShimHooks {

    private static volatile NodeBridge nodeBridge;

    private static volatile PortBridge portBridge;

    private static volatile Path workflowDirectory;

    private ShimHooks() {
    }

    /** Called by the bridge class inside org.knime.core.node. */
    public static void registerNodeBridge(final NodeBridge b) {
        nodeBridge = b;
    }

    /** Called by the bridge class inside org.knime.core.node.port. */
    public static void registerPortBridge(final PortBridge b) {
        portBridge = b;
    }

    /** The bridge into org.knime.core.node (initialised on first use). */
    public static NodeBridge nodeBridge() {
        if (nodeBridge == null) {
            init("org.knime.core.node.ShimNodeBridge");
        }
        return nodeBridge;
    }

    /** The bridge into org.knime.core.node.port (initialised on first use). */
    public static PortBridge portBridge() {
        if (portBridge == null) {
            init("org.knime.core.node.port.ShimPortBridge");
        }
        return portBridge;
    }

    private static void init(final String className) {
        try {
            Class.forName(className, true, NodeModel.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Shim bridge missing: " + className, e);
        }
    }

    /**
     * The directory knime://knime.workflow/ URLs resolve against (FileUtil.resolveToPath, getFileFromURL and
     * streams opened on such URLs); null (the default) makes them fail.
     */
    public static void setWorkflowDirectory(final Path dir) {
        workflowDirectory = dir == null ? null : dir.toAbsolutePath().normalize();
    }

    public static Path getWorkflowDirectory() {
        return workflowDirectory;
    }
}
