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
    void threadCountIsBounded() {
        int n = EngineWorkers.threadCount();
        assertTrue(n >= 1 && n <= 8, "threads: " + n);
    }
}
