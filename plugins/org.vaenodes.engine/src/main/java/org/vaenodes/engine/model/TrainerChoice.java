package org.vaenodes.engine.model;

/**
 * Which code trains the network. Both minimise the same objective with the same Adam (DL4J averages the gradient
 * over the batch before Adam, our trainers sum it; DL4J's ε is set to ours / batch size, which makes the steps
 * equal — a test proves one step alike).
 */
public enum TrainerChoice {
    /**
     * Our trainers (default): on ND4J's CPU backend in float32 the fast kernels (direct OpenBLAS products and
     * Java loops on the DL4J network's parameter vector), on the CPU in double precision our ND4J-operations path;
     * on a GPU DL4J's own training where it supports the model, else our ND4J-operations path.
     */
    FAST("fast"),
    /**
     * DL4J's own unsupervised training of its VariationalAutoencoder layer ({@code pretrainLayer}, DL4J's Adam):
     * the reference. Only for models DL4J can train: a DL4J network ({@link Dl4jConfigurations#whyNotDl4j}) with
     * β = 1, since DL4J's layer has a fixed KL weight.
     */
    DL4J("dl4j");

    private final String id;

    TrainerChoice(String id) {
        this.id = id;
    }

    /** The setting's value (flow variables, provenance). */
    public String id() {
        return id;
    }

    /** Null if DL4J's own training can train this model, else why not (for messages). */
    public static String whyNotDl4jTrainer(VaeConfig c) {
        return whyNotDl4jTrainer(c.isConditional(), Math.min(c.encoderHidden().length, c.decoderHidden().length),
                c.beta());
    }

    /** As {@link #whyNotDl4jTrainer(VaeConfig)} from what a learner's settings tell before training. */
    public static String whyNotDl4jTrainer(boolean conditional, int hiddenLayers, double beta) {
        String why = Dl4jConfigurations.whyNotDl4j(conditional, hiddenLayers);
        if (why != null) {
            return "the model is " + why;
        }
        if (beta != 1.0) {
            return "β is " + beta + " (DL4J's VAE layer has a fixed KL weight of 1)";
        }
        return null;
    }
}
