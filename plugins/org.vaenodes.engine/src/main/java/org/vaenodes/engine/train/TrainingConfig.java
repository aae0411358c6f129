package org.vaenodes.engine.train;

import org.vaenodes.engine.spec.TrainerChoice;

/**
 * Optimisation settings of one training run.
 *
 * @param epochs                passes over the training rows (1 … 100,000)
 * @param batchSize             rows per Adam step (1 … 65,536); the last batch of an epoch may be smaller
 * @param learningRate          Adam step size (&gt; 0, finite)
 * @param seed                  seed of initial weights, shuffling, validation split and noise
 * @param validationFraction    share of rows held out for validation, 0 (none) … 0.9
 * @param earlyStoppingPatience stop after this many epochs without a better validation objective and restore the
 *                              best weights; 0 = off (needs a validation fraction &gt; 0 when on)
 * @param binarize              stochastic binarization of the inputs each batch (in addition to
 *                              {@code VaeConfig.binarize()}: either switches it on); Bernoulli likelihood only
 * @param trainer               whose code trains: ours (fast, default) or DL4J's own (reference)
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, long seed, double validationFraction,
        int earlyStoppingPatience, boolean binarize, TrainerChoice trainer) {

    /** With the fast trainer. */
    public TrainingConfig(int epochs, int batchSize, double learningRate, long seed, double validationFraction,
            int earlyStoppingPatience, boolean binarize) {
        this(epochs, batchSize, learningRate, seed, validationFraction, earlyStoppingPatience, binarize,
                TrainerChoice.FAST);
    }

    /** The same settings with another trainer. */
    public TrainingConfig withTrainer(TrainerChoice t) {
        return new TrainingConfig(epochs, batchSize, learningRate, seed, validationFraction, earlyStoppingPatience,
                binarize, t);
    }

    public TrainingConfig {
        java.util.Objects.requireNonNull(trainer, "trainer");
        if (epochs < 1 || epochs > 100_000) {
            throw new IllegalArgumentException("Number of epochs must be between 1 and 100000, not " + epochs);
        }
        if (batchSize < 1 || batchSize > 65_536) {
            throw new IllegalArgumentException("Batch size must be between 1 and 65536, not " + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Learning rate must be a finite number > 0, not " + learningRate);
        }
        if (!(validationFraction >= 0 && validationFraction <= 0.9)) {
            throw new IllegalArgumentException("Validation fraction must be between 0 and 0.9, not "
                    + validationFraction);
        }
        if (earlyStoppingPatience < 0) {
            throw new IllegalArgumentException("Early-stopping patience must not be negative (0 = off)");
        }
        if (earlyStoppingPatience > 0 && validationFraction == 0) {
            throw new IllegalArgumentException("Early stopping needs validation data: set a validation fraction "
                    + "above 0 or switch early stopping off (patience 0)");
        }
    }

    /** PyTorch-example defaults: batch 128, Adam 1e-3, no validation, no early stopping. */
    public static TrainingConfig defaults(int epochs, long seed) {
        return new TrainingConfig(epochs, 128, 1e-3, seed, 0.0, 0, false);
    }
}
