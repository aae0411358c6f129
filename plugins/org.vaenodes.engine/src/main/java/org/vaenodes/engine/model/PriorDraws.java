package org.vaenodes.engine.model;

import java.util.Random;

/**
 * Latent codes drawn from the prior N(0, I) as one seeded stream in row order, so drawing in chunks of any size
 * gives the codes one whole draw gives ({@link Vae#samplePrior} and the nodes draw the same codes for a seed).
 */
public final class PriorDraws {

    private final Random rnd;
    private final int latent;

    public PriorDraws(long seed, int latent) {
        if (latent < 1) {
            throw new IllegalArgumentException("Latent size must be at least 1, not " + latent);
        }
        this.rnd = new Random(seed);
        this.latent = latent;
    }

    /** The next {@code rows} codes, row-major rows × latent. */
    public float[] next(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("Number of samples must not be negative");
        }
        float[] z = new float[Math.multiplyExact(rows, latent)];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rnd.nextGaussian();
        }
        return z;
    }
}
