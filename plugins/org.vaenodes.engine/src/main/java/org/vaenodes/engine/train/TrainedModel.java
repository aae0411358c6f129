package org.vaenodes.engine.train;

import java.util.List;
import java.util.Objects;

import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.spec.InputDescription;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * The unit that is saved and loaded: network (with its config), training history, input description and
 * provenance.
 */
public record TrainedModel(Vae vae, List<EpochStats> history, InputDescription input, Provenance provenance) {

    public TrainedModel {
        Objects.requireNonNull(vae, "vae");
        history = List.copyOf(history);
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** Ties a training result to the input description the nodes supply. */
    public static TrainedModel of(TrainingResult result, InputDescription input) {
        return new TrainedModel(result.model(), result.history(), input, result.provenance());
    }

    public VaeConfig config() {
        return vae.config();
    }
}
