package org.vaenodes.engine.train;

import java.io.IOException;

/**
 * Rows the {@link Trainer} learns from, read a run of rows at a time: from memory ({@link TrainingData}) or from a
 * file ({@link RowFile}), so data larger than the heap can be trained in chunks.
 */
public interface TrainingRows {

    /** Number of rows. */
    int rows();

    /** Values per row. */
    int width();

    /** Whether every row has a class label (for a conditional VAE). */
    boolean labelled();

    /**
     * Copies rows {@code first … first + count − 1} into {@code values} (row-major, starting at row {@code at}) and,
     * if labelled and {@code labels} is not null, their class indices into {@code labels} (from index {@code at}).
     *
     * @throws IOException if the rows cannot be read (the message names the source)
     */
    void read(int first, int count, float[] values, int[] labels, int at) throws IOException;
}
