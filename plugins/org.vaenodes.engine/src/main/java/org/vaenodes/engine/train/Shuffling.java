package org.vaenodes.engine.train;

import java.util.Random;

/** Index permutations drawn from a seeded generator, the same way everywhere (Fisher–Yates from the end). */
final class Shuffling {

    private Shuffling() {
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    static void shuffle(int[] a, Random r) {
        shuffle(a, a.length, r);
    }

    /** Shuffles a[0 … n). */
    static void shuffle(int[] a, int n, Random r) {
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
