package org.vaenodes.engine.model;

/**
 * The code that computes the training steps, one constant per implementation of {@link TrainingSteps}: each says
 * whether it can train a network here and why not, and {@link #choose} is the one place that picks one for a
 * {@link TrainerChoice}. Provenance records the choice and the code ({@link #description()}).
 */
public enum TrainingCode {

    /** Our fast kernels on ND4J's CPU backend in float32: direct OpenBLAS products and Java loops. */
    CPU_KERNELS("cpu", "our CPU kernels (OpenBLAS products, Java loops)") {
        @Override
        String whyNot(Vae vae) {
            return CpuTrainingSteps.whyNot(vae);
        }

        @Override
        TrainingSteps open(Vae vae, float[] data, int[] labels, double learningRate, int batchSize, long seed,
            boolean binarize) {
            return new CpuTrainingSteps(vae, data, labels, learningRate, seed, binarize);
        }
    },

    /** Our passes written as ND4J operations: any backend, any precision (CUDA, double-precision checks). */
    ND4J_OPERATIONS("nd4j", "our ND4J operations") {
        @Override
        String whyNot(Vae vae) {
            return null;
        }

        @Override
        TrainingSteps open(Vae vae, float[] data, int[] labels, double learningRate, int batchSize, long seed,
            boolean binarize) {
            return new Nd4jTrainingSteps(vae, data, labels, learningRate, seed, binarize);
        }
    },

    /** DL4J's own unsupervised training of its VariationalAutoencoder layer ({@code pretrainLayer}, DL4J's Adam). */
    DL4J_LAYER("dl4j", "DL4J's own training of its VariationalAutoencoder layer (pretrainLayer, DL4J's Adam)") {
        @Override
        String whyNot(Vae vae) {
            return whyNotDl4j(vae.config());
        }

        @Override
        TrainingSteps open(Vae vae, float[] data, int[] labels, double learningRate, int batchSize, long seed,
            boolean binarize) {
            return new Dl4jTrainingSteps(vae, data, learningRate, batchSize, seed, binarize);
        }
    };

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(TrainingCode.class.getName());

    private final String id;
    private final String description;

    TrainingCode(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** Short name ("cpu", "nd4j", "dl4j"), as tests and logs use it. */
    public String id() {
        return id;
    }

    /** What the code is, for provenance and messages. */
    public String description() {
        return description;
    }

    /** Null if this code can train {@code vae} here (backend, precision, kind of network), else why not. */
    abstract String whyNot(Vae vae);

    /** The steps over {@code data} (row-major, not copied); engine thread only. */
    abstract TrainingSteps open(Vae vae, float[] data, int[] labels, double learningRate, int batchSize, long seed,
        boolean binarize);

    /**
     * Null if DL4J's own training can train a network described by {@code config}, else why not: it trains only DL4J
     * networks (a VAE with hidden layers and no label input, {@link Dl4jConfigurations#whyNotDl4j}) with β = 1, since
     * DL4J's layer has a fixed KL weight. The one rule behind {@link TrainerChoice#whyNot}.
     */
    static String whyNotDl4j(VaeConfig config) {
        String why = Dl4jConfigurations.whyNotDl4j(config);
        if (why != null) {
            return "the model is " + why;
        }
        if (config.beta() != 1.0) {
            return "β is " + config.beta() + " (DL4J's VAE layer has a fixed KL weight of 1)";
        }
        return null;
    }

    /**
     * Which code trains {@code vae} for {@code choice}: DL4J's layer when asked for (IllegalArgumentException if it
     * cannot); for the fast choice our CPU kernels where they can run, on a GPU DL4J's layer where it can train the
     * network (its fused CUDA kernels beat our ND4J operations there), else our ND4J operations.
     */
    static TrainingCode choose(TrainerChoice choice, Vae vae) {
        if (choice == TrainerChoice.DL4J) {
            String why = DL4J_LAYER.whyNot(vae);
            if (why != null) {
                throw new IllegalArgumentException("DL4J's trainer cannot train this model: " + why);
            }
            return DL4J_LAYER;
        }
        String cpuWhyNot = CPU_KERNELS.whyNot(vae);
        if (cpuWhyNot == null) {
            return CPU_KERNELS;
        }
        if (!CpuTrainingSteps.onCpuBackend()) { // on a GPU this is the plan, not a fallback
            return DL4J_LAYER.whyNot(vae) == null ? DL4J_LAYER : ND4J_OPERATIONS;
        }
        LOG.info("VAE Nodes: training with ND4J operations instead of the fast CPU kernels: " + cpuWhyNot);
        return ND4J_OPERATIONS;
    }
}
