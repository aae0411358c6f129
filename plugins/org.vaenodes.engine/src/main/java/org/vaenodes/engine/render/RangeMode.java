package org.vaenodes.engine.render;

/** How the coordinates of a latent grid are spaced. */
public enum RangeMode {
    /** n evenly spaced values from −r to +r. */
    LINEAR,
    /**
     * Φ⁻¹ of n evenly spaced probabilities (i + ½)/n, i.e. equal prior mass per cell, as in the latent-manifold
     * figure of Kingma &amp; Welling; the range r is not used.
     */
    GAUSSIAN_QUANTILES
}
