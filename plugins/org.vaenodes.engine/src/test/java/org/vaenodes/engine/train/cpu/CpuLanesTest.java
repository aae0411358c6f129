package org.vaenodes.engine.train.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CpuLanesTest {

    @Test
    void everyLaneRunsOnceOnItsOwnThreadPerCall() {
        try (CpuLanes lanes = new CpuLanes(3)) {
            AtomicIntegerArray calls = new AtomicIntegerArray(3);
            String[] threads = new String[3];
            for (int round = 0; round < 1000; round++) {
                lanes.run(lane -> {
                    calls.incrementAndGet(lane);
                    threads[lane] = Thread.currentThread().getName();
                });
            }
            assertArrayEquals(new int[] {1000, 1000, 1000},
                    new int[] {calls.get(0), calls.get(1), calls.get(2)});
            assertEquals(Thread.currentThread().getName(), threads[0], "lane 0 is the caller");
            assertNotEquals(threads[1], threads[2]);
        }
    }

    @Test
    void aFailureInAHelperLaneReachesTheCallerAndTheTeamStaysUsable() {
        try (CpuLanes lanes = new CpuLanes(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> lanes.run(lane -> {
                if (lane == 1) {
                    throw new IllegalStateException("lane 1 failed");
                }
            }));
            assertEquals("lane 1 failed", e.getMessage());
            int[] seen = new int[2];
            lanes.run(lane -> seen[lane] = 1);
            assertArrayEquals(new int[] {1, 1}, seen);
        }
    }

    @Test
    void aBarrierShowsEveryLaneWhatTheOthersWroteBeforeIt() {
        try (CpuLanes lanes = new CpuLanes(3)) {
            int[] written = new int[3];
            int[][] seen = new int[3][3];
            for (int round = 1; round <= 500; round++) {
                int value = round;
                lanes.run(lane -> {
                    written[lane] = value;
                    lanes.barrier();
                    for (int other = 0; other < 3; other++) {
                        seen[lane][other] = written[other];
                    }
                    lanes.barrier(); // no lane overwrites its slot of the next round before all have read this one
                });
                for (int[] row : seen) {
                    assertArrayEquals(new int[] {value, value, value}, row, "round " + round);
                }
            }
        }
    }

    @Test
    @Timeout(30)
    void lanesWaitingAtABarrierForAFailedLaneGiveUpAndTheFailureReachesTheCaller() {
        try (CpuLanes lanes = new CpuLanes(3)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> lanes.run(lane -> {
                if (lane == 2) {
                    throw new IllegalStateException("lane 2 failed before the barrier");
                }
                lanes.barrier();
            }));
            assertEquals("lane 2 failed before the barrier", e.getMessage());
            int[] seen = new int[3];
            lanes.run(lane -> {
                lanes.barrier();
                seen[lane] = 1;
            });
            assertArrayEquals(new int[] {1, 1, 1}, seen, "the team is usable after the failure");
        }
    }

    @Test
    void oneLaneRunsOnTheCaller() {
        try (CpuLanes lanes = new CpuLanes(1)) {
            String[] where = new String[1];
            lanes.run(lane -> where[lane] = Thread.currentThread().getName());
            assertEquals(Thread.currentThread().getName(), where[0]);
        }
    }
}
