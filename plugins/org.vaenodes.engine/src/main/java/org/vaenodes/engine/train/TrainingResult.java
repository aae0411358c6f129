package org.vaenodes.engine.train;

import java.util.List;

import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.model.Vae;

/**
 * Outcome of a training run.
 *
 * @param model        the trained network (with the best weights restored if early stopping was on)
 * @param history      one entry per completed epoch
 * @param stoppedEarly whether early stopping ended training before the last epoch
 * @param bestEpoch    epoch with the lowest validation objective (the last epoch without validation)
 * @param backend      ND4J backend that trained the model
 * @param provenance   data fingerprint, seed, backend, versions and times
 */
public record TrainingResult(Vae model, List<EpochStats> history, boolean stoppedEarly, int bestEpoch,
        String backend, Provenance provenance) {

    public TrainingResult {
        history = List.copyOf(history);
    }
}
