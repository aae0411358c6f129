package org.vaenodes.engine.spec;

/**
 * The Adam hyperparameters every trainer uses (ours on the CPU, our ND4J operations, DL4J's layer), so that all of
 * them take the same steps; only the learning rate is a setting.
 */
public final class AdamHyperparameters {

    /** Decay of the first moment. */
    public static final double BETA1 = 0.9;
    /** Decay of the second moment. */
    public static final double BETA2 = 0.999;
    /** Added to √v in the denominator of each step. */
    public static final double EPSILON = 1e-8;

    private AdamHyperparameters() {
    }
}
