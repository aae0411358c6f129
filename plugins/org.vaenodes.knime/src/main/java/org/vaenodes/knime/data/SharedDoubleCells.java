package org.vaenodes.knime.data;

import org.knime.core.data.def.DoubleCell;

/**
 * Double cells for the pixel values of one table being written, one instance per value that recurs. An 8-bit image
 * has at most 256 values per channel, so a table of 60,000 MNIST digits would otherwise hold 47 million cell objects
 * (about 1.1 GB of heap, and as many objects for the garbage collector to trace) where these few hundred shared ones
 * do. Cells are immutable, so sharing them is invisible to every reader of the table. Use one instance per table
 * of such values (a reader's output): values that seldom recur, such as a decoder's, would only crowd it out.
 *
 * <p>The cache is a small open-addressed table keyed by the value's bits: a value is looked for in the
 * {@value #PROBES} slots from its hash on, and a new cell goes into the first empty one of them (or, all taken,
 * replaces the one the hash's next bits choose, so that two recurring values starting at the same slot do not keep
 * replacing each other). Threads writing one table may race on a slot: each reads a slot once, uses its cell only
 * if it holds exactly the wanted value, and otherwise makes a new cell (a cell's only field is final, so a cell seen
 * through a racy read is complete).
 */
public final class SharedDoubleCells {

    /** 4,096 slots (16 KB of references): room for the 256 grey levels with few collisions. */
    private static final int SLOT_BITS = 12;
    private static final int PROBES = 4;

    private final DoubleCell[] cache = new DoubleCell[1 << SLOT_BITS];

    /** A cell holding exactly {@code value} (same bits), shared when the value was asked for before. */
    public DoubleCell of(double value) {
        long bits = Double.doubleToRawLongBits(value);
        long hash = bits * 0x9E3779B97F4A7C15L;
        int first = (int) (hash >>> (Long.SIZE - SLOT_BITS));
        int empty = -1;
        for (int k = 0; k < PROBES; k++) {
            int slot = (first + k) & (cache.length - 1);
            DoubleCell cached = cache[slot];
            if (cached == null) {
                empty = empty < 0 ? slot : empty;
            } else if (Double.doubleToRawLongBits(cached.getDoubleValue()) == bits) {
                return cached;
            }
        }
        DoubleCell cell = new DoubleCell(value);
        int victim = (first + (int) (hash >>> (Long.SIZE - SLOT_BITS - 2)) % PROBES) & (cache.length - 1);
        cache[empty < 0 ? victim : empty] = cell;
        return cell;
    }
}
