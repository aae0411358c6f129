package org.vaenodes.engine.spec;

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
     * the reference. Only for models DL4J can train: a DL4J network ({@link Dl4jCompatibility}) with
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

    /**
     * Null if this choice can train a network described by {@code config}, else why not (for messages). The fast
     * choice trains every network; DL4J's only those the rule below allows. The node, the trainer
     * and the routing on a GPU all ask this rule.
     */
    public String whyNot(VaeConfig config) {
        return this == DL4J ? whyNotDl4jTraining(config) : null;
    }

    /**
     * Null if DL4J's own training can train a network described by {@code config}, else why not: it trains only
     * networks DL4J's layer can express ({@link Dl4jCompatibility}) with β = 1, since that layer has a fixed KL weight.
     */
    private static String whyNotDl4jTraining(VaeConfig config) {
        String why = Dl4jCompatibility.whyNot(config);
        if (why != null) {
            return "the model is " + why;
        }
        if (config.beta() != 1.0) {
            return "β is " + config.beta() + " (DL4J's VAE layer has a fixed KL weight of 1)";
        }
        return null;
    }
}
