package org.vaenodes.engine.train;

import java.util.Random;

/**
 * How the {@link Trainer} walks through its rows: where they sit for the training session (one array the session
 * reads in place), which rows train and which validate, and in what order each epoch visits them.
 */
interface EpochFeed extends AutoCloseable {

    /** One batch: rows {@code order[from … to)} of {@link #buffer()}, already in place; batch counts from 1. */
    @FunctionalInterface
    interface BatchStep {
        void train(int[] order, int from, int to, int batch, int batches);
    }

    /** One chunk of validation rows, {@code order[0 … count)} of {@link #buffer()}, already in place. */
    @FunctionalInterface
    interface ValidationStep {
        void evaluate(int[] order, int count);
    }

    /** The row-major array the session reads (row capacity × width); its contents change between chunks. */
    float[] buffer();

    /** Class indices of the buffer's rows, or null when unlabelled. */
    int[] labelBuffer();

    /** Rows the buffer holds at most. */
    int capacity();

    int trainRows();

    int validationRows();

    /** Visits every training row once, in an order drawn from {@code shuffler}, batch by batch. */
    void trainEpoch(Random shuffler, int batchSize, BatchStep step);

    /** Visits every validation row once, in a fixed order. */
    void validate(ValidationStep step);

    @Override
    void close();
}
