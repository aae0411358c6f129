package org.vaenodes.engine.train.cpu;

/**
 * Whether the next training step splits its wide products by columns ({@link CpuLaneShare}), judged by how long the
 * lanes waited at the barriers of the steps that did. The split by columns is faster on a quiet machine but meets at
 * five barriers more per step; when another process takes a core, a lane that lost its core holds every other lane
 * at each barrier until it gets one back, and those steps run slower than with the row split's single barrier. So
 * when the lanes' share of time spent waiting, a moving average over the steps with columns, exceeds
 * {@link #MAX_WAIT_SHARE} (on a quiet machine it is about 3 %), the next steps split by rows only, then the columns
 * are tried again. Both splits compute the same values, so this choice, though it follows the machine's timing,
 * never changes a result.
 *
 * <p>How long the row split lasts backs off: {@link #FIRST_ROWS_ONLY_STEPS} after columns that ran well for a while,
 * doubling (up to {@link #MAX_ROWS_ONLY_STEPS}) each time the columns fail again right after being retried. A short
 * disturbance — above all the JIT compiling the step's loops on one of the two cores during the first epoch — then
 * costs a few dozen row-split steps instead of hundreds (on the 9,000-row MNIST sample, 256 steps were the first
 * four epochs), while a lasting load settles on the row split with a retry every few hundred steps.
 */
final class CpuSplitChoice {

    /** Share of the lanes' time spent waiting at barriers above which the row split takes over. */
    static final double MAX_WAIT_SHARE = 0.25;
    /** Steps with the row split only, the first time the average wait share rises above {@link #MAX_WAIT_SHARE}. */
    static final int FIRST_ROWS_ONLY_STEPS = 16;
    /** Most steps with the row split only, reached when the columns keep failing as soon as they are retried. */
    static final int MAX_ROWS_ONLY_STEPS = 256;
    /**
     * The columns failing within this many steps of a retry count as failing again: the next row split lasts twice
     * as long as the last. Failing later starts over at {@link #FIRST_ROWS_ONLY_STEPS}.
     */
    static final int RETRY_STEPS = 64;

    /** Smoothing weight of the last step in {@link #waitShare}: one slow step (a collection, a compilation) is noise. */
    static final double WEIGHT = 0.1;

    private int rowsOnlyLeft;
    /** How many steps the last row split lasted (0: none yet). */
    private int lastRowsOnlySteps;
    /** Column steps since the columns were last retried (or since the start). */
    private int columnSteps;
    /** Moving average of the wait share over the steps with the column split. */
    private double waitShare;

    /** True if the next step may split its wide products by columns. */
    boolean columns() {
        return rowsOnlyLeft == 0;
    }

    /**
     * Records a step: whether it used {@link #columns()}, its wall time and the time its {@code lanes} lanes waited
     * at barriers together.
     */
    void afterStep(boolean columnsUsed, long stepNanos, long waitNanos, int lanes) {
        if (!columnsUsed) {
            rowsOnlyLeft = Math.max(0, rowsOnlyLeft - 1);
            if (rowsOnlyLeft == 0) {
                waitShare = MAX_WAIT_SHARE / 2; // try again, giving the columns a few steps to prove themselves
                columnSteps = 0;
            }
            return;
        }
        columnSteps++;
        double share = stepNanos <= 0 ? 0 : Math.min(1, waitNanos / ((double) stepNanos * lanes));
        waitShare += WEIGHT * (share - waitShare);
        if (waitShare > MAX_WAIT_SHARE) {
            boolean again = lastRowsOnlySteps > 0 && columnSteps <= RETRY_STEPS;
            lastRowsOnlySteps = again ? Math.min(MAX_ROWS_ONLY_STEPS, 2 * lastRowsOnlySteps) : FIRST_ROWS_ONLY_STEPS;
            rowsOnlyLeft = lastRowsOnlySteps;
        }
    }
}
