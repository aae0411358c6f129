package org.vaenodes.engine.train.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** Steps with the row split before the columns are tried again, under a load of {@code share}. */
    private static int rowSplitSteps(CpuSplitChoice c, double share) {
        int steps = 0;
        while (!c.columns()) {
            step(c, share);
            steps++;
        }
        return steps;
    }

    /** Column steps under a wait share of {@code share} until the row split takes over. */
    private static void columnStepsUntilRows(CpuSplitChoice c, double share) {
        int steps = 0;
        while (c.columns()) {
            step(c, share);
            steps++;
            assertTrue(steps < 30, "the row split takes over within a few steps");
        }
    }

    @Test
    void aLastingLoadBacksOffToLongRowSplitsAndAQuietMachineGetsTheColumnsBack() {
        CpuSplitChoice c = new CpuSplitChoice();
        int expected = CpuSplitChoice.FIRST_ROWS_ONLY_STEPS;
        for (int round = 0; round < 7; round++) {
            columnStepsUntilRows(c, 0.45); // another process has one of the two cores
            assertEquals(expected, rowSplitSteps(c, 0.45), "row split " + round);
            expected = Math.min(CpuSplitChoice.MAX_ROWS_ONLY_STEPS, 2 * expected);
        }
        for (int i = 0; i < 1000; i++) {
            step(c, 0.03); // the machine is quiet again
            assertTrue(c.columns(), "columns kept on a quiet machine, step " + i);
        }
    }

    @Test
    void aShortDisturbanceCostsOnlyAShortRowSplit() {
        CpuSplitChoice c = new CpuSplitChoice();
        columnStepsUntilRows(c, 0.6); // e.g. the JIT compiling on one of the two cores
        assertEquals(CpuSplitChoice.FIRST_ROWS_ONLY_STEPS, rowSplitSteps(c, 0));
        for (int i = 0; i < CpuSplitChoice.RETRY_STEPS + 1; i++) {
            step(c, 0.03);
        }
        // a second disturbance long after the retry starts the back-off afresh
        columnStepsUntilRows(c, 0.6);
        assertEquals(CpuSplitChoice.FIRST_ROWS_ONLY_STEPS, rowSplitSteps(c, 0));
        assertTrue(c.columns());
    }
}
