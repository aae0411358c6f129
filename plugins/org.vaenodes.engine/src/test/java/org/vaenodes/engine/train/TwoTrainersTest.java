package org.vaenodes.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.model.RowScores;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.TrainerChoice;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * Two trainers, one maths: DL4J's own training of its VAE layer and our fast trainer, from the same initial
 * parameters on the built-in sample, reach the same test −ELBO, scored by one evaluator; DL4J's trainer refuses
 * what DL4J's layer cannot train.
 */
class TwoTrainersTest {

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void tenEpochsOnTheSampleReachTheSameTestNegElboWithEitherTrainer() {
        VaeConfig cfg = VaeConfig.of(784, new int[] {400}, 20).withImageShape(28, 28);
        Digits train = Digits.load(BuiltInSample.Split.TRAIN, 9_000);
        Digits test = Digits.load(BuiltInSample.Split.TEST, 1_000);
        TrainingConfig fast = TrainingConfig.defaults(10, 7);
        TrainingResult ours = Trainer.train(cfg, train.data(false), fast, null, null);
        TrainingResult dl4j = Trainer.train(cfg, train.data(false), fast.withTrainer(TrainerChoice.DL4J), null, null);

        double a = testNegElbo(ours.model(), test);
        double b = testNegElbo(dl4j.model(), test);
        assertTrue(a < 160 && b < 160, "both learnt the digits: " + a + ", " + b);
        assertEquals(a, b, 0.01 * a, "test −ELBO of the fast trainer " + a + " vs DL4J's " + b);
        assertTrue(ours.provenance().trainer().startsWith("fast: our CPU kernels"), ours.provenance().trainer());
        assertTrue(dl4j.provenance().trainer().startsWith("dl4j: DL4J's own training"), dl4j.provenance().trainer());
        // the history's split of DL4J's score into reconstruction and KL adds up
        EpochStats last = dl4j.history().get(dl4j.history().size() - 1);
        assertEquals(last.trainNegElbo(), last.trainRecon() + last.trainKl(), 1e-6 * last.trainNegElbo());
        assertTrue(last.trainKl() > 1, "KL " + last.trainKl());
    }

    /** One evaluator for both: mean −ELBO per test digit with the same seeded noise. */
    private static double testNegElbo(Vae vae, Digits test) {
        RowScores s = vae.evaluate(test.x, test.n, null, 99);
        double sum = 0;
        for (double v : s.negElbo()) {
            sum += v;
        }
        return sum / test.n;
    }

    @Test
    void dl4jsTrainerRefusesWhatItsLayerCannotTrain() {
        Digits d = Digits.load(BuiltInSample.Split.TEST, 50);
        TrainingConfig tc = TrainingConfig.defaults(1, 1).withTrainer(TrainerChoice.DL4J);
        VaeConfig plain = VaeConfig.of(784, new int[] {16}, 2);
        String beta = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(plain.withBeta(4), d.data(false), tc, null, null)).getMessage();
        assertTrue(beta.contains("β is 4.0") && beta.contains("fast trainer"), beta);
        String conditional = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(plain.withNumClasses(10), d.data(true), tc, null, null)).getMessage();
        assertTrue(conditional.contains("conditional"), conditional);
        String linear = assertThrows(IllegalArgumentException.class,
                () -> Trainer.train(VaeConfig.of(784, new int[0], 2), d.data(false), tc, null, null)).getMessage();
        assertTrue(linear.contains("hidden"), linear);
    }

    @Test
    void dl4jsTrainerTrainsAGaussianModelAndReportsTrueNats() {
        Digits d = Digits.load(BuiltInSample.Split.TEST, 300);
        VaeConfig cfg = VaeConfig.of(784, new int[] {32}, 3).withLikelihood(Likelihood.GAUSSIAN);
        TrainingResult r = Trainer.train(cfg, d.data(false), TrainingConfig.defaults(2, 3)
                .withTrainer(TrainerChoice.DL4J), null, null);
        EpochStats last = r.history().get(1);
        // our Gaussian −log p includes D/2·ln π ≈ 449 nats per row; DL4J's L2 score does not, the engine adds it
        assertTrue(last.trainRecon() > 0.5 * 784 * Math.log(Math.PI), "recon " + last.trainRecon());
        RowScores s = r.model().evaluate(java.util.Arrays.copyOf(d.x, 784 * 10), 10, null, 1);
        assertTrue(Math.abs(s.negElbo()[0] - last.trainNegElbo()) < 0.5 * last.trainNegElbo(),
                "training and evaluation speak the same nats: " + s.negElbo()[0] + " vs " + last.trainNegElbo());
    }
}
