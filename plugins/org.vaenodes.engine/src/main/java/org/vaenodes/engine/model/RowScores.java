package org.vaenodes.engine.model;

/**
 * Per-row scores of a VAE on given inputs, all in nats: {@code recon[i]} = −log p(x_i | z_i) for one sampled
 * z_i ~ q(z | x_i), {@code kl[i]} = KL(q(z | x_i) ‖ p(z)), {@code negElbo[i]} = recon[i] + kl[i] (the −ELBO
 * bound, independent of the training weight β).
 */
public record RowScores(double[] negElbo, double[] recon, double[] kl) {

    /** Mean −ELBO over all rows. */
    public double meanNegElbo() {
        double s = 0;
        for (double v : negElbo) {
            s += v;
        }
        return negElbo.length == 0 ? Double.NaN : s / negElbo.length;
    }
}
