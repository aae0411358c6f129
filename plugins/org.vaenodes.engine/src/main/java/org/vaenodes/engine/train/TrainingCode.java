package org.vaenodes.engine.train;

import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.spec.TrainerChoice;
import org.vaenodes.engine.train.cpu.CpuTrainingSteps;
import org.vaenodes.engine.train.nd4j.Dl4jTrainingSteps;
import org.vaenodes.engine.train.nd4j.Nd4jTrainingSteps;
import org.vaenodes.engine.train.steps.TrainingSteps;

/**
 * The code that computes the training steps, one constant per implementation of {@link TrainingSteps}: each says
 * whether it can train a network here and why not, and {@link #choose} is the one place that picks one for a
 * {@link TrainerChoice}. Provenance records the choice and the code ({@link #description()}).
 */
public enum TrainingCode {

    /** Our fast kernels on ND4J's CPU backend in float32: direct OpenBLAS products and Java loops. */
    CPU_KERNELS("cpu", "our CPU kernels (OpenBLAS products, Java loops)") {
        @Override
        String whyNot(Network network) {
            return CpuTrainingSteps.whyNot(network);
        }

        @Override
        TrainingSteps open(Network network, float[] data, int[] labels, TrainingConfig training, boolean binarize) {
            return new CpuTrainingSteps(network, data, labels, training.learningRate(), training.seed(), binarize);
        }
    },

    /** Our passes written as ND4J operations: any backend, any precision (CUDA, double-precision checks). */
    ND4J_OPERATIONS("nd4j", "our ND4J operations") {
        @Override
        String whyNot(Network network) {
            return null;
        }

        @Override
        TrainingSteps open(Network network, float[] data, int[] labels, TrainingConfig training, boolean binarize) {
            return new Nd4jTrainingSteps(network, data, labels, training.learningRate(), training.seed(), binarize);
        }
    },

    /** DL4J's own unsupervised training of its VariationalAutoencoder layer ({@code pretrainLayer}, DL4J's Adam). */
    DL4J_LAYER("dl4j", "DL4J's own training of its VariationalAutoencoder layer (pretrainLayer, DL4J's Adam)") {
        @Override
        String whyNot(Network network) {
            return TrainerChoice.DL4J.whyNot(network.config());
        }

        @Override
        TrainingSteps open(Network network, float[] data, int[] labels, TrainingConfig training, boolean binarize) {
            return new Dl4jTrainingSteps(network, data, training.learningRate(), training.batchSize(), training.seed(),
                binarize);
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

    /** As provenance records it: "choice: code", e.g. "fast: our CPU kernels (OpenBLAS products, Java loops)". */
    public String describeFor(TrainerChoice choice) {
        return choice.id() + ": " + description;
    }

    /** Null if this code can train {@code vae} here (backend, precision, kind of network), else why not. */
    abstract String whyNot(Network network);

    /** The steps over {@code data} (row-major, not copied); engine thread only. */
    abstract TrainingSteps open(Network network, float[] data, int[] labels, TrainingConfig training, boolean binarize);

    /**
     * Which code trains {@code vae} for {@code choice}: DL4J's layer when asked for (IllegalArgumentException if it
     * cannot); for the fast choice our CPU kernels where they can run, on a GPU DL4J's layer where it can train the
     * network (its fused CUDA kernels beat our ND4J operations there), else our ND4J operations.
     */
    static TrainingCode choose(TrainerChoice choice, Network network) {
        if (choice == TrainerChoice.DL4J) {
            String why = DL4J_LAYER.whyNot(network);
            if (why != null) {
                throw new IllegalArgumentException("DL4J's trainer cannot train this model: " + why);
            }
            return DL4J_LAYER;
        }
        String cpuWhyNot = CPU_KERNELS.whyNot(network);
        if (cpuWhyNot == null) {
            return CPU_KERNELS;
        }
        if (!CpuTrainingSteps.onCpuBackend()) { // on a GPU this is the plan, not a fallback
            return DL4J_LAYER.whyNot(network) == null ? DL4J_LAYER : ND4J_OPERATIONS;
        }
        LOG.info("VAE Nodes: training with ND4J operations instead of the fast CPU kernels: " + cpuWhyNot);
        return ND4J_OPERATIONS;
    }
}
