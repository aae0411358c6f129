package org.vaenodes.engine.model;

import java.time.Instant;
import java.util.Objects;

import org.vaenodes.engine.spec.VaeConfig;

/**
 * How a model was made, so a user can always tell: the data, the training settings and how the run went, the code
 * and machine that ran it, and when.
 *
 * @param dataSha256        SHA-256 (hex) of the training data: row count, width, the float32 values
 *                          (little-endian) and the labels if any
 * @param rows              number of training rows (before the validation split)
 * @param seed              training seed
 * @param backend           ND4J backend that ran the training (e.g. "CpuBackend")
 * @param device            device description (CPU architecture and cores, or GPU)
 * @param nd4jVersion       ND4J version
 * @param engineVersion     version of the VAE Nodes engine
 * @param started           start of training
 * @param finished          end of training
 * @param trainer           the trainer asked for and the code that ran it, e.g. "fast: our CPU kernels (OpenBLAS
 *                          products, Java loops)"
 * @param training          the training settings and how the run went; null where not recorded (models saved
 *                          before training settings were recorded, and models made by other DL4J programs)
 * @param architecture      the network as it was trained ({@link VaeConfig#describe()}: layers, latent size,
 *                          activation, likelihood, β, classes; plus the image shape), or {@link #NOT_RECORDED}
 * @param startedFrom       the weights training started from: {@link #FROM_SCRATCH}, or a model (the fingerprint of
 *                          its parameters and its own provenance in one line, see {@link #summary()}); or
 *                          {@link #NOT_RECORDED}
 */
public record Provenance(String dataSha256, int rows, long seed, String backend, String device,
        String nd4jVersion, String engineVersion, Instant started, Instant finished, String trainer,
        Training training, String architecture, String startedFrom) {

    /** What older and imported models say for what they did not record. */
    public static final String NOT_RECORDED = "not recorded";

    /** Trainer not recorded (models made before it was, and imported ones). */
    public static final String TRAINER_UNKNOWN = NOT_RECORDED;

    /** Training started from randomly initialised weights. */
    public static final String FROM_SCRATCH = "random weights";

    /**
     * The training settings (β is part of the network's configuration) and the run.
     *
     * @param epochsAsked         epochs set
     * @param epochsRun           epochs trained (fewer after early stopping)
     * @param bestEpoch           the epoch whose weights the model holds (the last one without validation)
     * @param stoppedEarly        whether early stopping ended the run
     * @param batchSize           rows per Adam step
     * @param learningRate        Adam's learning rate
     * @param validationFraction  share of the rows held out for validation
     * @param patience            early-stopping patience in epochs (0: off)
     * @param binarize            inputs binarized stochastically each batch
     * @param threads             threads that computed the steps
     * @param javaVersion         the Java runtime's version
     */
    public record Training(int epochsAsked, int epochsRun, int bestEpoch, boolean stoppedEarly, int batchSize,
            double learningRate, double validationFraction, int patience, boolean binarize, int threads,
            String javaVersion) {

        public Training {
            Objects.requireNonNull(javaVersion, "javaVersion");
        }
    }

    /** Without a trainer, training record and architecture (older and imported models). */
    public Provenance(String dataSha256, int rows, long seed, String backend, String device, String nd4jVersion,
            String engineVersion, Instant started, Instant finished) {
        this(dataSha256, rows, seed, backend, device, nd4jVersion, engineVersion, started, finished,
                TRAINER_UNKNOWN, null, NOT_RECORDED, NOT_RECORDED);
    }

    /**
     * This provenance in one line, as a model trained further from this one records where it started: the data
     * (rows, fingerprint), the trainer and epochs, the architecture, and where this one started in turn (its first
     * {@value #SUMMARY_START_CHARS} characters, so that a chain of fine-tunings and averagings stays readable).
     */
    public String summary() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        String data = dataSha256.substring(0, Math.min(12, dataSha256.length()));
        parts.add(rows > 0 ? "trained on " + rows + " rows (data " + data + ")" : "fingerprint " + data);
        parts.add(backend);
        if (!trainer.equals(NOT_RECORDED)) {
            parts.add(trainer + (training == null ? "" : ", " + training.epochsRun() + " epochs"));
        }
        if (!architecture.equals(NOT_RECORDED)) {
            parts.add(architecture);
        }
        if (!startedFrom.equals(NOT_RECORDED)) {
            parts.add("started from " + shortened(startedFrom));
        }
        return String.join("; ", parts);
    }

    /** Where a summary's start may take this many characters: rounds of averaging nest summaries in summaries. */
    static final int SUMMARY_START_CHARS = 400;

    private static String shortened(String text) {
        return text.length() <= SUMMARY_START_CHARS ? text : text.substring(0, SUMMARY_START_CHARS - 1) + "…";
    }

    /** The architecture as provenance records it: the configuration's description and, for images, their shape. */
    public static String architectureOf(VaeConfig config) {
        return config.describe() + (config.isImage() ? ", images " + config.imageShape().describe() : "");
    }

    public Provenance {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(startedFrom, "startedFrom");
        Objects.requireNonNull(dataSha256, "dataSha256");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(nd4jVersion, "nd4jVersion");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
    }
}
