package org.vaenodes.engine.model;

import java.time.Instant;
import java.util.Objects;

/**
 * How a model was made, so a user can always tell.
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
 * @param trainer           the trainer asked for and the code that ran it, e.g. "fast: cpu kernels" or
 *                          "dl4j: DL4J pretrainLayer (Adam)" (see {@link #trainerDescription})
 */
public record Provenance(String dataSha256, int rows, long seed, String backend, String device,
        String nd4jVersion, String engineVersion, Instant started, Instant finished, String trainer) {

    /** Trainer not recorded (models made before it was, and imported ones). */
    public static final String TRAINER_UNKNOWN = "not recorded";

    /** Without a trainer record. */
    public Provenance(String dataSha256, int rows, long seed, String backend, String device, String nd4jVersion,
            String engineVersion, Instant started, Instant finished) {
        this(dataSha256, rows, seed, backend, device, nd4jVersion, engineVersion, started, finished,
                TRAINER_UNKNOWN);
    }

    /** "choice: code", where code is a {@code TrainingSession.kernels()} value. */
    public static String trainerDescription(TrainerChoice choice, String kernels) {
        String code = switch (kernels) {
            case "cpu" -> "our CPU kernels (OpenBLAS products, Java loops)";
            case "nd4j" -> "our ND4J operations";
            case "dl4j" -> "DL4J's own training of its VariationalAutoencoder layer (pretrainLayer, DL4J's Adam)";
            default -> kernels;
        };
        return choice.id() + ": " + code;
    }

    public Provenance {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(dataSha256, "dataSha256");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(nd4jVersion, "nd4jVersion");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
    }
}
