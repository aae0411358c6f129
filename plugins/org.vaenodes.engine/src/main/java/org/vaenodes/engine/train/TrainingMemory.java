package org.vaenodes.engine.train;

/**
 * The heap budget for training data. All rows are kept in one array when they take at most a quarter of the
 * maximum heap (-Xmx); larger data is trained in chunks of at most a sixteenth of it each (whole blocks of
 * {@value #BLOCK_ROWS} rows, at least one block), read from a {@link TrainingRows} source such as a {@link RowFile}.
 */
public final class TrainingMemory {

    /** Rows per block: the unit chunks are made of, and in which validation rows are set aside. */
    public static final int BLOCK_ROWS = 256;
    /** Most rows per chunk, whatever the heap. */
    static final int MAX_CHUNK_ROWS = 1 << 20;

    private TrainingMemory() {
    }

    /** Whether {@code rows} rows of {@code width} float values fit the in-memory budget (a quarter of -Xmx). */
    public static boolean fitsInHeap(long rows, int width) {
        return rows * width * Float.BYTES <= maxHeap() / 4;
    }

    /** Rows per chunk for rows of {@code width} values: whole blocks within a sixteenth of -Xmx, at least one. */
    public static int chunkRows(int width) {
        long perRow = (long) width * Float.BYTES + Integer.BYTES; // values and a class index
        long blocks = maxHeap() / 16 / perRow / BLOCK_ROWS;
        return (int) Math.min(MAX_CHUNK_ROWS, Math.max(1, blocks) * BLOCK_ROWS);
    }

    private static long maxHeap() {
        long max = Runtime.getRuntime().maxMemory();
        return max == Long.MAX_VALUE ? 4L << 30 : max; // no -Xmx limit: plan for 4 GB
    }
}
