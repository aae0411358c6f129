package org.vaenodes.engine.train;

/**
 * The heap budget for training data. All rows are kept in one array when they take at most the in-memory budget,
 * a quarter of the maximum heap (-Xmx) unless {@value #BUDGET_PROPERTY} sets it in bytes; larger data is trained in
 * chunks of at most a quarter of that budget each (whole blocks of {@value #BLOCK_ROWS} rows, at least one block),
 * read from a {@link TrainingRows} source such as a {@link RowFile}.
 */
public final class TrainingMemory {

    /** System property: the in-memory budget in bytes (e.g. to force chunked training, or to allow more rows). */
    public static final String BUDGET_PROPERTY = "vaenodes.training.memory";
    /** Rows per block: the unit chunks are made of, and in which validation rows are set aside. */
    public static final int BLOCK_ROWS = 256;
    /** Most rows per chunk, whatever the heap. */
    static final int MAX_CHUNK_ROWS = 1 << 20;

    private TrainingMemory() {
    }

    /** Whether {@code rows} rows of {@code width} float values fit the in-memory budget. */
    public static boolean fitsInHeap(long rows, int width) {
        return rows * width * Float.BYTES <= budgetBytes();
    }

    /** Rows per chunk for rows of {@code width} values: whole blocks within a quarter of the budget, at least one. */
    public static int chunkRows(int width) {
        long perRow = (long) width * Float.BYTES + Integer.BYTES; // values and a class index
        long blocks = budgetBytes() / 4 / perRow / BLOCK_ROWS;
        return (int) Math.min(MAX_CHUNK_ROWS, Math.max(1, blocks) * BLOCK_ROWS);
    }

    /** The in-memory budget in bytes: the property's value if set (and valid), else a quarter of -Xmx. */
    public static long budgetBytes() {
        String set = System.getProperty(BUDGET_PROPERTY);
        if (set != null) {
            try {
                long bytes = Long.parseLong(set.trim());
                if (bytes > 0) {
                    return bytes;
                }
            } catch (NumberFormatException e) {
                // not a number: the default below, as for an unset property
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        return (max == Long.MAX_VALUE ? 4L << 30 : max) / 4; // no -Xmx limit: plan for 4 GB
    }
}
