package org.vaenodes.engine.train.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that run one task per lane and wait for each other: lane 0 is the calling (engine) thread,
 * lanes 1… are daemon helpers. Between tasks the helpers spin briefly (a training step hands them work every few
 * milliseconds, and waking a parked thread costs tens of microseconds) and then park, so an idle team costs nothing.
 * Not reentrant; one caller at a time.
 */
final class CpuLanes implements AutoCloseable {

    /** Work for one lane. */
    interface LaneTask {
        void run(int lane);
    }

    private static final long SPIN_NANOS = 1_000_000;

    private final Thread[] helpers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile LaneTask task;
    private volatile long generation;
    private volatile boolean closed;
    private volatile Throwable failure;

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

    /** Runs task(0 … lanes−1), lane 0 on this thread; returns when all are done and rethrows the first failure. */
    void run(LaneTask t) {
        if (helpers.length == 0) {
            t.run(0);
            return;
        }
        failure = null;
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
        }
        while (pending.get() > 0) {
            Thread.onSpinWait();
        }
        task = null;
        Throwable f = own != null ? own : failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error er) {
            throw er;
        }
    }

    private void helperLoop(int lane) {
        long seen = 0;
        while (true) {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (generation == seen && !closed) {
                if (System.nanoTime() < deadline) {
                    Thread.onSpinWait();
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
                failure = e;
            } finally {
                pending.decrementAndGet();
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
