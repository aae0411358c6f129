package org.vaenodes.engine.train.cpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuSplitChoiceTest {

    private static final long STEP = 3_000_000;

    /** One step of two lanes that waited {@code share} of their time. */
    private static void step(CpuSplitChoice c, double share) {
        boolean columns = c.columns();
        c.afterStep(columns, STEP, columns ? (long) (share * STEP * 2) : 0, 2);
    }

    @Test
    void aQuietMachineKeepsTheColumnSplitThroughOccasionalSlowSteps() {
        CpuSplitChoice c = new CpuSplitChoice();
        for (int i = 0; i < 1000; i++) {
            step(c, i % 100 == 0 ? 1.0 : 0.03); // a collection or compilation now and then
            assertTrue(c.columns(), "step " + i);
        }
    }

    @Test
    void lanesKeptWaitingSwitchToTheRowSplitForAWhileThenTryColumnsAgain() {
        CpuSplitChoice c = new CpuSplitChoice();
        int steps = 0;
        while (c.columns()) {
            step(c, 0.45); // another process has one of the two cores
            steps++;
            assertTrue(steps < 30, "the row split takes over within a few steps");
        }
        for (int i = 0; i < CpuSplitChoice.ROWS_ONLY_STEPS; i++) {
            assertFalse(c.columns(), "row split, step " + i);
            step(c, 0);
        }
        assertTrue(c.columns(), "columns tried again");
        for (int i = 0; i < 100; i++) {
            step(c, 0.03); // the machine is quiet again
        }
        assertTrue(c.columns(), "columns kept on a quiet machine");
    }
}
