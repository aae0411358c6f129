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
 */
public record Provenance(String dataSha256, int rows, long seed, String backend, String device,
        String nd4jVersion, String engineVersion, Instant started, Instant finished) {

    public Provenance {
        Objects.requireNonNull(dataSha256, "dataSha256");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(nd4jVersion, "nd4jVersion");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
    }
}
