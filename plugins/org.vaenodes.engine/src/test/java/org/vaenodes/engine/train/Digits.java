package org.vaenodes.engine.train;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.data.MnistDataset;

/** Test helper: the built-in MNIST sample as float rows in [0, 1]. */
public final class Digits {

    public final float[] x;
    public final int[] labels;
    public final int n;
    public static final int D = 784;

    private Digits(float[] x, int[] labels, int n) {
        this.x = x;
        this.labels = labels;
        this.n = n;
    }

    public static Digits load(BuiltInSample.Split split, int max) {
        try {
            MnistDataset ds = BuiltInSample.load(split, max);
            int n = ds.size();
            float[] x = new float[n * D];
            for (int i = 0; i < n; i++) {
                ds.images().copyImage(i, x, i * D, true);
            }
            return new Digits(x, ds.labels().clone(), n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first n rows of a loaded set (sharing nothing). */
    public record Slice(Digits from, int n) {
        public Digits get() {
            int m = Math.min(n, from.n);
            return new Digits(java.util.Arrays.copyOf(from.x, m * D), java.util.Arrays.copyOf(from.labels, m), m);
        }
    }

    public TrainingData data(boolean withLabels) {
        return new TrainingData(x, n, D, withLabels ? labels : null);
    }

    /** Mean image over all rows. */
    public float[] meanImage() {
        float[] m = new float[D];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < D; j++) {
                m[j] += x[i * D + j] / n;
            }
        }
        return m;
    }
}
