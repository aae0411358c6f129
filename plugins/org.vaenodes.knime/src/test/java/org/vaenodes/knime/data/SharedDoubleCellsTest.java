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

/** One table's cache of pixel cells: exact values, shared instances, safe when threads race. */
class SharedDoubleCellsTest {

    @Test
    void aRecurringValueGetsTheSameCellAndEveryCellHoldsExactlyItsValue() {
        SharedDoubleCells shared = new SharedDoubleCells();
        assertSame(shared.of(17 / 255.0), shared.of(17 / 255.0));
        // values that compare equal as doubles but differ in bits are different cells
        assertNotSame(shared.of(0.0), shared.of(-0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(shared.of(-0.0)
            .getDoubleValue()));
        assertEquals(Double.NaN, shared.of(Double.NaN).getDoubleValue());
        // the 256 grey levels of an 8-bit image, asked for again and again (a reader's table): 256 cells
        java.util.Set<DoubleCell> cells = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 256; k++) {
                cells.add(shared.of((float) (k / 255.0)));
                cells.add(shared.of(k));
            }
        }
        assertEquals(2 * 256 - 2, cells.size()); // 0 and 1 are both scaled and raw levels
        // far more values than slots: each still comes back as itself
        for (int i = 0; i < 100_000; i++) {
            double v = i * 0.001;
            assertEquals(v, shared.of(v).getDoubleValue());
        }
    }

    /** Threads racing on the cache's slots never see a cell with another value than the one they asked for. */
    @Test
    @Timeout(60)
    void threadsRacingOnTheSlotsGetTheirOwnValues() throws Exception {
        SharedDoubleCells shared = new SharedDoubleCells();
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
                        bad += shared.of(v).getDoubleValue() == v ? 0 : 1;
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
