package org.vaenodes.knime.prefs;

import java.util.function.UnaryOperator;

import org.knime.core.node.NodeLogger;
import org.vaenodes.engine.backend.BackendChoice;
import org.vaenodes.engine.backend.Nd4jRuntime;

/**
 * Hands the VAE Nodes preferences to the engine before ND4J first starts. Every node that uses the engine calls
 * {@link #ensureConfigured()} at the start of {@code execute}; once ND4J has started the call does nothing (the
 * backend is fixed for the JVM, and the preference page tells the user a restart is needed).
 */
public final class EngineSetup {

    private static final NodeLogger LOGGER = NodeLogger.getLogger(EngineSetup.class);

    private static BackendChoice applied;

    private EngineSetup() {
    }

    /** Applies the preferences (backend, off-heap limit) to the engine unless ND4J has started already. */
    public static void ensureConfigured() {
        configure(EclipsePreferenceLookup.lookup());
    }

    /**
     * Applies the values from {@code lookup} (null: defaults) unless ND4J has started. The system property
     * {@code vaenodes.backend} still wins in the engine; a user-set {@code -Dorg.bytedeco.javacpp.maxbytes} wins over
     * the off-heap limit.
     *
     * @return the values applied, or null if ND4J had already started
     */
    static synchronized VaeNodesPreferences.Values configure(UnaryOperator<String> lookup) {
        if (Nd4jRuntime.isStarted()) {
            return null;
        }
        VaeNodesPreferences.Values v = VaeNodesPreferences.read(lookup);
        Nd4jRuntime.setRequestedBackend(v.backend());
        applied = v.backend();
        try {
            if (Nd4jRuntime.setOffHeapLimit(v.offHeapLimit())) {
                LOGGER.info("VAE Nodes: JavaCPP off-heap limit " + Nd4jRuntime.MAX_BYTES_PROPERTY + "="
                    + v.offHeapLimit() + " (preference)");
            }
        } catch (IllegalArgumentException e) { // cannot happen after VaeNodesPreferences' check; never fail a node
            LOGGER.warn("VAE Nodes: off-heap limit preference ignored: " + e.getMessage());
        }
        return v;
    }

    /** The preference backend last given to the engine before ND4J started, or null if none was given. */
    public static synchronized BackendChoice applied() {
        return applied;
    }
}
