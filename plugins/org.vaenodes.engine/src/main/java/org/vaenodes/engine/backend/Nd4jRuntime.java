package org.vaenodes.engine.backend;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Brings ND4J up exactly once per JVM, from this bundle's own class loader.
 *
 * <p>ND4J discovers its backend with a ServiceLoader on whatever class loader {@link ND4JClassLoading} holds; inside
 * OSGi that defaults to the thread's context loader, which cannot see our embedded jars, and ND4J then fails with
 * "no available backend". Pointing it at the loader of this class makes the jars on our Bundle-ClassPath visible
 * and nothing else.
 */
public final class Nd4jRuntime {

    private static volatile String activeBackend;

    private Nd4jRuntime() {
    }

    /** Initialises ND4J if needed and returns the name of the backend class that is active. */
    public static synchronized String ensureStarted() {
        if (activeBackend == null) {
            ND4JClassLoading.setNd4jClassloader(Nd4jRuntime.class.getClassLoader());
            activeBackend = Nd4j.getBackend().getClass().getSimpleName();
        }
        return activeBackend;
    }
}
