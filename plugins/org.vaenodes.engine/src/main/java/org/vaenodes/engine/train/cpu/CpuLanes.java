package org.vaenodes.engine.train.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that run one task per lane and wait for each other: lane 0 is the calling (engine) thread,
 * lanes 1… are daemon helpers. Between tasks the helpers spin briefly (a training step hands them work every few
 * milliseconds, and waking a parked thread costs tens of microseconds) and then park, so an idle team costs nothing;
 * lane 0 waits for the helpers the same way.
 *
 * <p>Every wait spins with {@link Thread#yield()}: when nothing else wants the core it returns at once, but when
 * another process has taken a lane's core, a waiting lane hands its own core over instead of burning it — so a lane
 * that was pushed off its core gets one back, rather than the team spinning while the work it waits for cannot run.
 * Not reentrant; one caller at a time.
 */
final class CpuLanes implements AutoCloseable {

    /** Work for one lane. */
    interface LaneTask {
        void run(int lane);
    }

    /** Thrown at {@link #barrier()} in the lanes that wait for one that has failed; never escapes {@link #run}. */
    private static final class LaneFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LaneFailed() {
            super("another lane failed", null, false, false);
        }
    }

    private static final long SPIN_NANOS = 1_000_000;

    private final Thread[] helpers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile LaneTask task;
    private volatile long generation;
    private volatile boolean closed;
    private volatile Throwable failure;
    /** Lane 0 when it has parked waiting for the helpers, else null. */
    private volatile Thread waiter;
    /** Lanes that have reached the current {@link #barrier()}. */
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int barrierPhase;
    /** Set when a lane's task fails, so that lanes waiting at a barrier for it give up instead of waiting forever. */
    private volatile boolean broken;
    /** Time lanes spent waiting at barriers since {@link #takeBarrierWait()} was last called. */
    private final LongAdder barrierWait = new LongAdder();

    CpuLanes(int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("need at least one lane, not " + lanes);
        }
        helpers = new Thread[lanes - 1];
        for (int i = 0; i < helpers.length; i++) {
            int lane = i + 1;
            helpers[i] = new Thread(() -> helperLoop(lane), "VAE-Nodes CPU lane " + lane);
            helpers[i].setDaemon(true);
            helpers[i].start();
        }
    }

    int lanes() {
        return helpers.length + 1;
    }

    /** Start of part i of [0, size) cut into n nearly equal parts (a lane's share of rows, columns or units). */
    static int part(int size, int i, int n) {
        return (int) ((long) size * i / n);
    }

    /** Runs task(0 … lanes−1), lane 0 on this thread; returns when all are done and rethrows the first failure. */
    void run(LaneTask t) {
        if (helpers.length == 0) {
            t.run(0);
            return;
        }
        failure = null;
        broken = false;
        arrived.set(0);
        task = t;
        pending.set(helpers.length);
        generation++;
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
        Throwable own = null;
        try {
            t.run(0);
        } catch (RuntimeException | Error e) {
            own = e;
            broken = true;
        }
        awaitHelpers();
        task = null;
        Throwable f = own != null && !(own instanceof LaneFailed) ? own : failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error er) {
            throw er;
        }
    }

    /**
     * Called by every lane of a running task: returns when all lanes have called it, so that what each wrote before
     * is visible to all after. Waits spinning with {@link Thread#yield()} (a step's phases last microseconds to
     * milliseconds). If another lane's task failed meanwhile, throws instead, and {@link #run} rethrows that failure.
     */
    void barrier() {
        if (helpers.length == 0) {
            return;
        }
        int phase = barrierPhase;
        if (arrived.incrementAndGet() == helpers.length + 1) {
            arrived.set(0);
            barrierPhase = phase + 1; // volatile write after the reset: the next barrier's arrivals count from 0
            return;
        }
        long start = System.nanoTime();
        try {
            while (barrierPhase == phase) {
                if (broken) {
                    throw new LaneFailed();
                }
                Thread.yield();
            }
        } finally {
            barrierWait.add(System.nanoTime() - start);
        }
    }

    /** Nanoseconds all lanes together waited at barriers since the last call (a lane's wait counts once per lane). */
    long takeBarrierWait() {
        return barrierWait.sumThenReset();
    }

    /** Spins (yielding) for a while, then parks until the last helper to finish wakes it. */
    private void awaitHelpers() {
        long deadline = System.nanoTime() + SPIN_NANOS;
        while (pending.get() > 0) {
            if (System.nanoTime() < deadline) {
                Thread.yield();
            } else {
                waiter = Thread.currentThread();
                if (pending.get() > 0) { // re-checked after announcing: a helper that finished before sees no waiter
                    LockSupport.park(this);
                }
            }
        }
        waiter = null;
    }

    private void helperLoop(int lane) {
        long seen = 0;
        while (true) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (generation == seen && !closed) {
                if (System.nanoTime() < deadline) {
                    Thread.yield();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                task.run(lane);
            } catch (RuntimeException | Error e) {
                if (!(e instanceof LaneFailed)) {
                    failure = e;
                }
                broken = true;
            } finally {
                if (pending.decrementAndGet() == 0) {
                    Thread w = waiter;
                    if (w != null) {
                        LockSupport.unpark(w);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
    }
}
