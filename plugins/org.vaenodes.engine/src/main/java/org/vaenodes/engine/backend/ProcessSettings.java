package org.vaenodes.engine.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

import com.sun.jna.platform.unix.LibC;

/**
 * Every change the engine makes to the process it runs in — KNIME's JVM, shared with other extensions — is made
 * here, and listed in one log line once ND4J has started:
 * <ul>
 * <li>ND4J's class loader: a {@link BackendFilteringClassLoader} that shows ND4J only the chosen backend. Kept:
 * ND4J uses it for as long as the JVM runs.</li>
 * <li>{@value OpenBlasKernels#ENV} (environment): set only for AMD CPUs with AVX-512, never over a user's value,
 * while ND4J loads OpenBLAS, which reads it then; removed again right after, so processes KNIME starts later (e.g.
 * Python workers) do not inherit it.</li>
 * <li>{@value Nd4jRuntime#MAX_BYTES_PROPERTY} (system property): JavaCPP's off-heap limit from the VAE Nodes
 * preference, only if the user set none and before ND4J starts. Kept: JavaCPP reads it while it runs.</li>
 * <li>ND4J's operation threads (CPU backend): one, unless the user set {@code OMP_NUM_THREADS}. ND4J's own workers
 * for elementwise operations wait by spinning, and took the cores from OpenBLAS's threads, which do the matrix
 * products and keep their number: encoding 10,000 rows took 0.12–0.28 s with them, 0.05 s without. Kept (it
 * concerns only the engine's copy of ND4J).</li>
 * </ul>
 * Not process-wide, so not here: the CPU trainer sets OpenBLAS's thread count to 1 while it trains (its own threads
 * multiply) and restores it when training ends; DL4J's trainer seeds the engine thread's own ND4J random generator.
 */
public final class ProcessSettings {

    private static final Logger LOG = Logger.getLogger(ProcessSettings.class.getName());

    private static final List<String> MADE = new ArrayList<>();

    /** The core type this class put into the environment, or null. */
    private static String coreTypeSet;

    private ProcessSettings() {
    }

    /**
     * Sets JavaCPP's off-heap limit unless the user already set one.
     *
     * @return true if the value was set
     */
    static synchronized boolean setOffHeapLimit(String maxBytes) {
        if (System.getProperty(Nd4jRuntime.MAX_BYTES_PROPERTY) != null) {
            return false;
        }
        System.setProperty(Nd4jRuntime.MAX_BYTES_PROPERTY, maxBytes);
        MADE.add(Nd4jRuntime.MAX_BYTES_PROPERTY + "=" + maxBytes + " (system property, kept)");
        return true;
    }

    /**
     * What must be in place before ND4J starts: its class loader and, for the CPU backend, OpenBLAS's kernels.
     *
     * @return why OpenBLAS runs the kernels it runs (CPU backend), else null
     */
    static synchronized String beforeNd4jStarts(ClassLoader nd4jLoader, BackendChoice backend) {
        ND4JClassLoading.setNd4jClassloader(nd4jLoader);
        MADE.add("ND4J class loader showing only the " + backend + " backend (kept)");
        if (backend != BackendChoice.CPU) {
            return null;
        }
        OpenBlasKernels.Decision d = OpenBlasKernels.decide();
        if (d.setCoreType() == null) {
            return d.reason();
        }
        try {
            if (LibC.INSTANCE.setenv(OpenBlasKernels.ENV, d.setCoreType(), 1) == 0) {
                coreTypeSet = d.setCoreType();
                return d.reason();
            }
            return "OpenBLAS's own choice (setenv failed)";
        } catch (RuntimeException | LinkageError e) {
            return "OpenBLAS's own choice (could not set " + OpenBlasKernels.ENV + ": " + e + ")";
        }
    }

    /** Undoes what is only needed while ND4J starts, settles ND4J's CPU threads, and logs every change made. */
    static synchronized void afterNd4jStarted(BackendChoice backend) {
        if (backend == BackendChoice.CPU && System.getenv("OMP_NUM_THREADS") == null) {
            Environment env = Nd4j.getEnvironment();
            int before = env.maxThreads();
            env.setMaxThreads(1);
            env.setMaxMasterThreads(1);
            MADE.add("ND4J operation threads 1 (were " + before + "; OpenBLAS keeps its threads for products; kept)");
        }
        if (coreTypeSet != null) {
            boolean removed = false;
            try {
                removed = LibC.INSTANCE.unsetenv(OpenBlasKernels.ENV) == 0;
            } catch (RuntimeException | LinkageError e) {
                LOG.warning("VAE Nodes: could not remove " + OpenBlasKernels.ENV + " again: " + e);
            }
            MADE.add(OpenBlasKernels.ENV + "=" + coreTypeSet + " (environment, while OpenBLAS loaded; "
                    + (removed ? "removed again" : "still set") + ")");
            coreTypeSet = null;
        }
        LOG.info("VAE Nodes changed this process: " + (MADE.isEmpty() ? "nothing" : String.join("; ", MADE)));
    }

    /** The changes made so far, in words (for tests and support). */
    public static synchronized List<String> changes() {
        return List.copyOf(MADE);
    }
}
