package org.vaenodes.engine.train.cpu;

/**
 * One lane's part of a pass that the lanes compute together, phase by phase. A phase is either by rows — each lane
 * works on its own row slice of the batch, as for the element-wise parts and the narrow products of the latent
 * layer — or by columns: each lane computes a column block of a wide product over all rows of the batch, because
 * OpenBLAS multiplies 128 rows 15–20 % faster per value than 64 (it packs the same weights for half the work). The
 * lanes meet at a barrier wherever a phase reads what other lanes wrote: before and after every phase by columns.
 * Every lane makes the same sequence of calls, so they all reach the same barriers.
 */
final class CpuLaneShare {

    /**
     * Products are split by columns only while a lane's row slice has fewer rows than this, but at least
     * {@link #MIN_ROWS}…
     */
    static final int FEW_ROWS = 128;
    /**
     * …so that both ways multiply at least this many rows at a time: OpenBLAS multiplies fewer than 8 rows with other
     * kernels, whose rounding depends on the number of columns too, so splitting a batch's last few rows by columns
     * would change their values (measured; from 8 rows on, every split gives the same values).
     */
    static final int MIN_ROWS = 32;
    /** …and only with at least this many columns per lane and this inner dimension (narrower ones gain nothing). */
    static final int WIDE = 128;

    private enum Phase {
        MET, ROWS, COLUMNS
    }

    /** The pass over the whole batch. */
    final CpuPass whole;
    /** This lane's row slice of {@link #whole}, or null if it has no rows (batches of few rows use fewer lanes). */
    final CpuPass rows;
    final int lane;
    final int lanes;
    /** The team to meet at barriers, or null when one lane works alone. */
    private final CpuLanes team;
    /** False to split every phase by rows (fewest barriers). */
    private final boolean columns;
    private Phase last = Phase.ROWS;

    CpuLaneShare(CpuPass whole, CpuPass rows, int lane, CpuLanes team, boolean columns) {
        this.whole = whole;
        this.rows = rows;
        this.lane = lane;
        this.team = team;
        this.columns = columns;
        this.lanes = team == null ? 1 : team.lanes();
    }

    /** The whole pass, computed by one lane alone (every phase by rows, no barrier). */
    static CpuLaneShare alone(CpuPass p) {
        return new CpuLaneShare(p, p, 0, null, false);
    }

    /** True if a product with inner dimension k and n output columns is computed by columns. */
    boolean byColumns(int k, int n) {
        int rowsPerLane = whole.rows / lanes;
        return columns && team != null && lanes > 1 && rowsPerLane >= MIN_ROWS && rowsPerLane < FEW_ROWS && k >= WIDE
                && n / lanes >= WIDE;
    }

    /** Where a lane computes a product: rows of {@code pass} (all of them or a row slice), columns [from, from + n). */
    record Product(CpuPass pass, int from, int n) {
    }

    /**
     * Starts a phase for a product with inner dimension k and n output columns: this lane's columns over the whole
     * batch if {@link #byColumns}, else all columns of its row slice; null if this lane has no part in it.
     */
    Product beginProduct(int k, int n) {
        if (byColumns(k, n)) {
            beginColumns();
            return new Product(whole, from(n), to(n) - from(n));
        }
        CpuPass p = beginRows();
        return p == null ? null : new Product(p, 0, n);
    }

    /** Starts a phase by rows: returns this lane's row slice (null if it has none). */
    CpuPass beginRows() {
        if (last == Phase.COLUMNS) {
            meet();
        }
        last = Phase.ROWS;
        return rows;
    }

    /** Starts a phase that reads all rows of the whole pass (a phase by columns). */
    void beginColumns() {
        if (last != Phase.MET) {
            meet();
        }
        last = Phase.COLUMNS;
    }

    /** Start of this lane's part of [0, n) cut into one part per lane. */
    int from(int n) {
        return CpuLanes.part(n, lane, lanes);
    }

    /** End of this lane's part of [0, n). */
    int to(int n) {
        return CpuLanes.part(n, lane + 1, lanes);
    }

    private void meet() {
        if (team != null) {
            team.barrier();
        }
        last = Phase.MET;
    }
}
