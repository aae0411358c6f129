package org.vaenodes.engine.spec;

/** Activation of the hidden layers of encoder and decoder. */
public enum Activation {
    /** max(0, x). */
    RELU,
    /** x for x &gt; 0, else 0.01·x (PyTorch's default slope). */
    LEAKY_RELU,
    /** tanh(x). */
    TANH,
    /** 1 / (1 + e^−x). */
    SIGMOID,
    /** x for x &gt; 0, else e^x − 1 (α = 1). */
    ELU;

    /** Slope of {@link #LEAKY_RELU} for negative inputs. */
    public static final double LEAKY_SLOPE = 0.01;
}
