package org.vaenodes.knime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.knime.core.data.def.DoubleCell;

class SharedDoubleCellsTest {

    @Test
    void aRecurringValueGetsTheSameCellAndEveryCellHoldsExactlyItsValue() {
        assertSame(SharedDoubleCells.of(17 / 255.0), SharedDoubleCells.of(17 / 255.0));
        // values that compare equal as doubles but differ in bits are different cells
        assertNotSame(SharedDoubleCells.of(0.0), SharedDoubleCells.of(-0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(SharedDoubleCells.of(-0.0)
            .getDoubleValue()));
        assertEquals(Double.NaN, SharedDoubleCells.of(Double.NaN).getDoubleValue());
        // far more values than slots: each still comes back as itself
        for (int i = 0; i < 100_000; i++) {
            double v = i * 0.001;
            assertEquals(v, SharedDoubleCells.of(v).getDoubleValue());
        }
        // and the 256 grey levels of an 8-bit image, asked for again and again, stay 256 cells
        java.util.Set<DoubleCell> cells = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 256; k++) {
                cells.add(SharedDoubleCells.of((float) (k / 255.0)));
            }
        }
        assertEquals(256, cells.size());
    }

    /** Threads racing on the cache's slots never see a cell with another value than the one they asked for. */
    @Test
    @Timeout(60)
    void threadsRacingOnTheSlotsGetTheirOwnValues() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> wrong = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                wrong.add(pool.submit(() -> {
                    int bad = 0;
                    java.util.Random rnd = new java.util.Random(seed);
                    for (int i = 0; i < 500_000; i++) {
                        double v = rnd.nextInt(20_000) / 255.0;
                        bad += SharedDoubleCells.of(v).getDoubleValue() == v ? 0 : 1;
                    }
                    return bad;
                }));
            }
            for (Future<Integer> f : wrong) {
                assertEquals(0, f.get());
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
