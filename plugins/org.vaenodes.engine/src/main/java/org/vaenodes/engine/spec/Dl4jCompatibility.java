package org.vaenodes.engine.spec;

/**
 * Whether Deeplearning4j's VariationalAutoencoder layer can express a network: the one rule behind "is this a DL4J
 * network" (files, the network's DL4J form) and, with β, behind {@link TrainerChoice#whyNot}.
 */
public final class Dl4jCompatibility {

    private Dl4jCompatibility() {
    }

    /** Null if DL4J's VAE layer can express the network, else why not (for messages). */
    public static String whyNot(VaeConfig c) {
        return whyNot(c.isConditional(), Math.min(c.encoderHidden().length, c.decoderHidden().length));
    }

    /**
     * As {@link #whyNot(VaeConfig)} from what a learner's settings tell before training: whether the VAE is
     * conditional and how many hidden layers its encoder (and, mirrored or given, its decoder) has.
     */
    public static String whyNot(boolean conditional, int hiddenLayers) {
        if (conditional) {
            return "a conditional VAE (the label enters encoder and decoder; DL4J's VAE layer has no such input)";
        }
        if (hiddenLayers == 0) {
            return "a VAE without hidden layers (DL4J's VAE layer needs at least one encoder and one decoder "
                    + "hidden layer)";
        }
        return null;
    }

    /** True if DL4J's VAE layer can express the network. */
    public static boolean expressible(VaeConfig c) {
        return whyNot(c) == null;
    }
}
