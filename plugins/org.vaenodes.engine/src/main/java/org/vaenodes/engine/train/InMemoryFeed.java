package org.vaenodes.engine.train;

import java.util.Arrays;
import java.util.Random;

/**
 * All rows in one array, the session reads it in place: the validation rows are the last part of a seeded
 * permutation, and every epoch visits the training rows in a new shuffled order.
 */
final class InMemoryFeed implements EpochFeed {

    private final TrainingData data;
    private final int[] trainIdx;
    private final int[] valIdx;

    InMemoryFeed(TrainingData data, int validationRows, Random shuffler) {
        this.data = data;
        int n = data.n();
        int[] perm = Shuffling.identity(n);
        if (validationRows > 0) {
            Shuffling.shuffle(perm, shuffler);
        }
        trainIdx = Arrays.copyOfRange(perm, 0, n - validationRows);
        valIdx = Arrays.copyOfRange(perm, n - validationRows, n);
    }

    @Override
    public float[] buffer() {
        return data.values();
    }

    @Override
    public int[] labelBuffer() {
        return data.labels();
    }

    @Override
    public int capacity() {
        return data.n();
    }

    @Override
    public int trainRows() {
        return trainIdx.length;
    }

    @Override
    public int validationRows() {
        return valIdx.length;
    }

    @Override
    public void trainEpoch(Random shuffler, int batchSize, BatchStep step) {
        Shuffling.shuffle(trainIdx, shuffler);
        int batches = (trainIdx.length + batchSize - 1) / batchSize;
        for (int b = 0; b < batches; b++) {
            int from = b * batchSize;
            step.train(trainIdx, from, Math.min(trainIdx.length, from + batchSize), b + 1, batches);
        }
    }

    @Override
    public void validate(ValidationStep step) {
        if (valIdx.length > 0) {
            step.evaluate(valIdx, valIdx.length);
        }
    }

    @Override
    public void close() {
        // the caller owns the data
    }
}
