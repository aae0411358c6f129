package org.vaenodes.engine.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The engine's own threads for work split into parts, such as converting table rows to floats, or started to be
 * collected later (a training's data fingerprint, while the network is built): daemon threads
 * named "VAE-Nodes worker N", one fewer than {@link #threadCount()} (the caller works too), which end after 30 s
 * idle. Such work stays off the JVM-wide common fork-join pool, which KNIME and every other extension share. Work
 * handed to the workers from a worker runs on that worker at once (on two cores the pool has a single thread).
 */
public final class EngineWorkers {

    /** System property: number of threads the engine computes with; default one per core, at most 8. */
    public static final String THREADS_PROPERTY = "vaenodes.engine.lanes";

    private static final int MAX_THREADS = 8;

    private static final ThreadPoolExecutor POOL = newPool();
    /** True on the pool's own threads. */
    private static final ThreadLocal<Boolean> ON_WORKER = ThreadLocal.withInitial(() -> false);

    private EngineWorkers() {
    }

    /** Threads the engine computes with: {@value #THREADS_PROPERTY} if set, else one per core; 1 … 8. */
    public static int threadCount() {
        int n = Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors());
        return Math.max(1, Math.min(MAX_THREADS, n));
    }

    /**
     * Runs {@code part.accept(0 … parts−1)}, part 0 on the calling thread and the others on the workers, and returns
     * when all are done. The first part to fail has its exception rethrown (after the others ended).
     */
    public static void forEachPart(int parts, IntConsumer part) {
        if (ON_WORKER.get()) {
            // parts queued behind this one on a pool of one worker would never run: do them all here
            for (int p = 0; p < parts; p++) {
                part.accept(p);
            }
            return;
        }
        List<Future<?>> others = new ArrayList<>(Math.max(0, parts - 1));
        for (int p = 1; p < parts; p++) {
            int k = p;
            others.add(POOL.submit(() -> part.accept(k)));
        }
        Throwable failure = null;
        try {
            if (parts > 0) {
                part.accept(0);
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> f : others) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the parts hold the caller's arrays: wait for them before returning
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : e.getCause();
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error er) {
            throw er;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    /**
     * Starts {@code job} on a worker and returns at once: work the caller needs later, done meanwhile. Collect its
     * result with {@link #await}.
     */
    public static <T> Future<T> start(Callable<T> job) {
        if (ON_WORKER.get()) { // a worker awaiting a job queued behind itself would wait forever: run it now
            FutureTask<T> now = new FutureTask<>(job);
            now.run();
            return now;
        }
        return POOL.submit(job);
    }

    /**
     * The result of a job {@link #start started} on a worker, once it is done. Waits even when interrupted (the job
     * may read the caller's arrays), then sets the interrupt again for the caller to act on; the job's exception is
     * rethrown as it is if unchecked, else wrapped in an {@link IllegalStateException}.
     */
    public static <T> T await(Future<T> job) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return job.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error er) {
                        throw er;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadPoolExecutor newPool() {
        int workers = Math.max(1, threadCount() - 1);
        AtomicInteger number = new AtomicInteger(1);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(() -> {
                    ON_WORKER.set(true);
                    r.run();
                }, "VAE-Nodes worker " + number.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
