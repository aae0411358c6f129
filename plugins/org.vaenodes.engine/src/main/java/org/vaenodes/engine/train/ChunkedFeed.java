package org.vaenodes.engine.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Random;

/**
 * Rows read chunk by chunk from a {@link TrainingRows} source, for data larger than the heap budget
 * ({@link TrainingMemory}). The rows are cut into blocks of {@value TrainingMemory#BLOCK_ROWS} consecutive rows; a
 * seeded shuffle of the blocks sets the validation blocks aside (a share of the blocks as close to the validation
 * fraction as whole blocks allow, at least one). Every epoch the training blocks are shuffled again and taken in
 * that order, as many at a time as fill one chunk; each chunk is read into the one buffer the session works on and
 * its rows are shuffled before they are cut into batches (a chunk's last batch may be smaller). Validation reads
 * its blocks chunk by chunk in file order. So no more than one chunk of rows is ever on the heap.
 */
final class ChunkedFeed implements EpochFeed {

    private static final int BLOCK = TrainingMemory.BLOCK_ROWS;

    private final TrainingRows rows;
    private final int width;
    private final float[] buffer;
    private final int[] labels;
    private final int capacity;
    private final int blocksPerChunk;
    private final int[] trainBlocks;
    private final int[] valBlocks;
    private final int trainRows;
    private final int valRows;
    private final int[] order;

    ChunkedFeed(TrainingRows rows, double validationFraction, int chunkRows, Random shuffler) {
        this.rows = rows;
        this.width = rows.width();
        this.blocksPerChunk = Math.max(1, chunkRows / BLOCK);
        int blocks = (rows.rows() + BLOCK - 1) / BLOCK;
        this.capacity = Math.min(blocksPerChunk, blocks) * BLOCK;
        this.buffer = new float[Math.multiplyExact(capacity, width)];
        this.labels = rows.labelled() ? new int[capacity] : null;
        this.order = new int[capacity];
        int nVal = validationFraction == 0 ? 0 : (int) Math.max(1, Math.round(blocks * validationFraction));
        if (nVal >= blocks) {
            throw new IllegalArgumentException("With " + rows.rows() + " rows in " + blocks + " blocks of " + BLOCK
                    + " and validation fraction " + validationFraction + " there is no block left for training");
        }
        int[] perm = Shuffling.identity(blocks);
        if (nVal > 0) {
            Shuffling.shuffle(perm, shuffler);
        }
        trainBlocks = Arrays.copyOfRange(perm, 0, blocks - nVal);
        valBlocks = Arrays.copyOfRange(perm, blocks - nVal, blocks);
        Arrays.sort(valBlocks);
        trainRows = rowsIn(trainBlocks);
        valRows = rows.rows() - trainRows;
    }

    private int rowsIn(int[] blocks) {
        int total = 0;
        for (int b : blocks) {
            total += blockRows(b);
        }
        return total;
    }

    private int blockRows(int block) {
        return Math.min(BLOCK, rows.rows() - block * BLOCK);
    }

    @Override
    public float[] buffer() {
        return buffer;
    }

    @Override
    public int[] labelBuffer() {
        return labels;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int trainRows() {
        return trainRows;
    }

    @Override
    public int validationRows() {
        return valRows;
    }

    @Override
    public void trainEpoch(Random shuffler, int batchSize, BatchStep step) {
        Shuffling.shuffle(trainBlocks, shuffler);
        int batches = 0;
        for (int first = 0; first < trainBlocks.length; first += blocksPerChunk) {
            int count = rowsIn(Arrays.copyOfRange(trainBlocks, first,
                    Math.min(trainBlocks.length, first + blocksPerChunk)));
            batches += (count + batchSize - 1) / batchSize;
        }
        int batch = 0;
        for (int first = 0; first < trainBlocks.length; first += blocksPerChunk) {
            int count = load(trainBlocks, first);
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Shuffling.shuffle(order, count, shuffler);
            for (int from = 0; from < count; from += batchSize) {
                step.train(order, from, Math.min(count, from + batchSize), ++batch, batches);
            }
        }
    }

    @Override
    public void validate(ValidationStep step) {
        for (int first = 0; first < valBlocks.length; first += blocksPerChunk) {
            int count = load(valBlocks, first);
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            step.evaluate(order, count);
        }
    }

    /** Reads blocks[first …] (up to one chunk) into the buffer; returns the rows read. */
    private int load(int[] blocks, int first) {
        int at = 0;
        try {
            for (int k = first; k < Math.min(blocks.length, first + blocksPerChunk); k++) {
                int n = blockRows(blocks[k]);
                rows.read(blocks[k] * BLOCK, n, buffer, labels, at);
                at += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read training rows: " + e.getMessage(), e);
        }
        return at;
    }

    @Override
    public void close() {
        // the buffer goes with this object; the source belongs to the caller
    }
}
