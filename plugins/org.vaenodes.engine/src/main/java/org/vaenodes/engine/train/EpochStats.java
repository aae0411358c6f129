package org.vaenodes.engine.train;

/**
 * One epoch of training history; all losses are per row (example) in nats.
 *
 * @param epoch             1-based epoch number
 * @param trainNegElbo      mean −ELBO (reconstruction + KL) over the epoch's training batches, each computed
 *                          before that batch's update (as PyTorch's example reports it)
 * @param trainRecon        mean reconstruction term −log p(x | z)
 * @param trainKl           mean KL term
 * @param validationNegElbo mean −ELBO on the validation rows after the epoch, NaN without validation
 * @param seconds           wall-clock duration of the epoch, including validation
 */
public record EpochStats(int epoch, double trainNegElbo, double trainRecon, double trainKl,
        double validationNegElbo, double seconds) {

    /** Whether this epoch has a validation value. */
    public boolean hasValidation() {
        return !Double.isNaN(validationNegElbo);
    }
}
