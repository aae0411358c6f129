package org.vaenodes.engine.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EngineWorkersTest {

    @Test
    void everyPartRunsOnceOnTheCallerOrTheEnginesOwnWorkers() {
        ConcurrentHashMap<Integer, String> ranOn = new ConcurrentHashMap<>();
        EngineWorkers.forEachPart(12, p -> assertEquals(null, ranOn.put(p, Thread.currentThread().getName())));
        assertEquals(12, ranOn.size());
        assertEquals(Thread.currentThread().getName(), ranOn.get(0), "part 0 runs on the caller");
        for (int p = 1; p < 12; p++) {
            assertTrue(ranOn.get(p).startsWith("VAE-Nodes worker "), "part " + p + " ran on " + ranOn.get(p)
                + ", not on an engine worker (e.g. the JVM's common pool)");
        }
    }

    @Test
    void aFailingPartFailsTheCallAfterTheOthersEnded() {
        IllegalStateException boom = new IllegalStateException("part 3");
        ConcurrentHashMap<Integer, Boolean> done = new ConcurrentHashMap<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EngineWorkers.forEachPart(6, p -> {
            if (p == 3) {
                throw boom;
            }
            done.put(p, true);
        }));
        assertSame(boom, e);
        assertEquals(5, done.size(), "the other parts all ran to the end before the call returned");
    }

    @Test
    void workStartedNowIsCollectedLaterAndItsFailureComesBackUnchanged() {
        java.util.concurrent.Future<String> job = EngineWorkers.start(() -> Thread.currentThread().getName());
        assertTrue(EngineWorkers.await(job).startsWith("VAE-Nodes worker "));
        IllegalArgumentException boom = new IllegalArgumentException("bad rows");
        assertSame(boom, assertThrows(IllegalArgumentException.class,
            () -> EngineWorkers.await(EngineWorkers.start(() -> {
                throw boom;
            }))));
        java.io.IOException checked = new java.io.IOException("disk");
        assertSame(checked, assertThrows(IllegalStateException.class,
            () -> EngineWorkers.await(EngineWorkers.start(() -> {
                throw checked;
            }))).getCause());
    }

    @Test
    void awaitingKeepsTheCallersInterruptForItToActOn() {
        Thread.currentThread().interrupt();
        try {
            assertEquals("done", EngineWorkers.await(EngineWorkers.start(() -> {
                Thread.sleep(50);
                return "done";
            })));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void workHandedOnFromAWorkerRunsThereInsteadOfWaitingForItself() {
        // on two cores the pool has one worker: parts or jobs queued from it behind itself would wait forever
        ConcurrentHashMap<Integer, String> inner = new ConcurrentHashMap<>();
        String outer = EngineWorkers.await(EngineWorkers.start(() -> {
            EngineWorkers.forEachPart(4, p -> inner.put(p, Thread.currentThread().getName()));
            String nested = EngineWorkers.await(EngineWorkers.start(() -> Thread.currentThread().getName()));
            assertEquals(Thread.currentThread().getName(), nested);
            return Thread.currentThread().getName();
        }));
        assertEquals(4, inner.size());
        inner.values().forEach(name -> assertEquals(outer, name));
    }

    @Test
    void threadCountIsBounded() {
        int n = EngineWorkers.threadCount();
        assertTrue(n >= 1 && n <= 8, "threads: " + n);
    }
}
