package org.vaenodes.engine.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.MemoryWorkspaceManager;
import org.nd4j.linalg.factory.Nd4j;
import org.vaenodes.engine.backend.Nd4jRuntime;

/**
 * The one thread on which all ND4J work of the engine runs.
 *
 * <p>ND4J keeps workspaces and other native state per thread, and DL4J is known to run out of memory when it is
 * used from changing pool threads (deeplearning4j issue #4098) — KNIME executes nodes on pool threads, several at
 * once. So every engine job (training, encoding, decoding, rendering) is handed to a single, lazily created daemon
 * platform thread; the caller blocks until it is done. After each top-level job the thread's ND4J workspaces are
 * destroyed, so off-heap memory does not pile up between jobs. Jobs submitted from the engine thread itself run
 * directly (no dead-lock). Jobs from concurrent callers run one after the other.
 *
 * <p>Cancellation: a job checks its own cancel callback (see {@link org.vaenodes.engine.train.Trainer}); if the
 * waiting caller is interrupted, the engine thread is interrupted too, which the trainer treats as a cancel, and the
 * caller gets a {@link CancellationException}.
 */
public final class EngineThread {

    /** Name of the engine thread (visible in thread dumps). */
    public static final String THREAD_NAME = "VAE-Nodes engine";

    private static final Object LOCK = new Object();
    private static ExecutorService executor;
    private static volatile Thread engineThread;

    private EngineThread() {
    }

    /** Whether the calling thread is the engine thread. */
    public static boolean isEngineThread() {
        return Thread.currentThread() == engineThread;
    }

    /**
     * Runs {@code job} on the engine thread and returns its result, re-throwing its exception unchanged.
     *
     * @throws CancellationException if the calling thread is interrupted while waiting
     */
    public static <T> T call(Callable<T> job) throws Exception {
        if (isEngineThread()) {
            return job.call();
        }
        Future<T> future = executor().submit(() -> {
            try {
                Nd4jRuntime.ensureStarted();
                return job.call();
            } finally {
                cleanUp();
            }
        });
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            CancellationException ce = new CancellationException("Interrupted while waiting for the VAE engine");
            ce.initCause(e);
            throw ce;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Like {@link #call} for jobs without checked exceptions. */
    public static <T> T supply(Supplier<T> job) {
        try {
            return call(job::get);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Runs a job without result on the engine thread. */
    public static void run(Runnable job) {
        supply(() -> {
            job.run();
            return null;
        });
    }

    private static ExecutorService executor() {
        synchronized (LOCK) {
            if (executor == null) {
                ThreadPoolExecutor ex = new ThreadPoolExecutor(1, 1, 0L, TimeUnit.MILLISECONDS,
                        new LinkedBlockingQueue<>(), r -> {
                            Thread t = new Thread(r, THREAD_NAME);
                            t.setDaemon(true);
                            engineThread = t;
                            return t;
                        });
                executor = ex;
            }
            return executor;
        }
    }

    /**
     * Frees ND4J workspaces the job may have opened on this thread. Not {@code destroyAllWorkspacesForCurrentThread()}:
     * that always ends in {@code System.gc()}, a full collection of the whole JVM (in KNIME: the workbench's heap)
     * after every engine job — it cost a node 0.1–0.2 s per job with a large table in memory.
     */
    private static void cleanUp() {
        try {
            MemoryWorkspaceManager manager = Nd4j.getWorkspaceManager();
            for (MemoryWorkspace workspace : manager.getAllWorkspacesForCurrentThread()) {
                manager.destroyWorkspace(workspace);
            }
        } catch (RuntimeException e) {
            // best effort: a failure to free must not hide the job's own result or exception
        }
    }
}
