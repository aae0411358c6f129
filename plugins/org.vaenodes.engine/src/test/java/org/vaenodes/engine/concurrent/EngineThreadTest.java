package org.vaenodes.engine.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

class EngineThreadTest {

    @Test
    void workspacesAJobOpensAreGoneAfterIt() {
        EngineThread.run(() -> {
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace("vae-test")) {
                Nd4j.create(8, 8);
            }
            assertTrue(Nd4j.getWorkspaceManager().checkIfWorkspaceExists("vae-test"));
        });
        int left = EngineThread.supply(() -> Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread().size());
        assertEquals(0, left);
    }

    @Test
    void engineJobsDoNotForceFullGarbageCollections() {
        EngineThread.run(() -> Nd4j.create(4, 4));
        long before = fullCollections();
        for (int i = 0; i < 20; i++) {
            EngineThread.run(() -> Nd4j.create(4, 4));
        }
        // each job used to end in System.gc() (ND4J's destroyAllWorkspacesForCurrentThread): a full collection of
        // the whole JVM per job
        assertEquals(before, fullCollections(), "full collections during 20 tiny engine jobs");
    }

    /** Collections of the old generation / full collections, whatever the collector. */
    private static long fullCollections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName();
            if (name.contains("Old") || name.contains("MarkSweep") || name.contains("Full")) {
                n += Math.max(0, gc.getCollectionCount());
            }
        }
        return n;
    }
}
