package org.vaenodes.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.data.IdxReader;
import org.vaenodes.engine.io.ModelArchive;
import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.model.RowScores;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.spec.InputDescription;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * Warm start: training continues from a model's weights (Adam afresh). Five and five epochs reach the test −ELBO of
 * ten straight (at most 1 % worse), a DL4J-made VAE trained on by our trainer improves, and provenance says where each run
 * started.
 */
class WarmStartTest {

    private static final Digits TRAIN = Digits.load(BuiltInSample.Split.TRAIN, IdxReader.ALL);
    private static final Digits TEST = Digits.load(BuiltInSample.Split.TEST, IdxReader.ALL);

    /** The DL4J-made VAE of testflow 05 (784-128-2, DL4J's own pretraining; see its data/NOTICE). */
    private static final Path DL4J_MADE = Path.of("../../testflows/05_dl4j_model_files/data/dl4j-vae.zip");

    private static double testNegElbo(Vae vae) {
        RowScores s = vae.evaluate(TEST.x, TEST.n, null, 7);
        double sum = 0;
        for (double v : s.negElbo()) {
            sum += v;
        }
        return sum / TEST.n;
    }

    @Test
    @Timeout(600)
    void fivePlusFiveEpochsWithAWarmStartReachTheMinusElboOfTenStraight() {
        VaeConfig cfg = VaeConfig.of(Digits.D, new int[] {400}, 20);
        TrainingResult straight = Trainer.train(cfg, TRAIN.data(false), TrainingConfig.defaults(10, 1), null, null);
        TrainingResult first = Trainer.train(cfg, TRAIN.data(false), TrainingConfig.defaults(5, 1), null, null);
        TrainedModel half = TrainedModel.of(first, InputDescription.ofList("Pixels", Digits.D));
        TrainingResult second = Trainer.continueFrom(half, TRAIN.data(false), TrainingConfig.defaults(5, 2), null,
            null);

        double tenStraight = testNegElbo(straight.model());
        double fivePlusFive = testNegElbo(second.model());
        System.out.printf("warm start: test -ELBO 10 epochs %.3f, 5 + 5 epochs %.3f (%+.2f %%)%n", tenStraight,
            fivePlusFive, 100 * (fivePlusFive - tenStraight) / tenStraight);
        // reaching it: at most 1 % worse (a restarted Adam measured 1 % better here: −0.98 %, bit-reproducible)
        assertTrue(fivePlusFive <= 1.01 * tenStraight, "5 + 5 epochs within 1 % of 10 straight");
        assertEquals(tenStraight, fivePlusFive, 0.05 * tenStraight, "and of the same order");
        assertTrue(fivePlusFive < testNegElbo(first.model()), "the second five epochs improve on the first five");

        assertEquals(Provenance.FROM_SCRATCH, first.provenance().startedFrom());
        String from = second.provenance().startedFrom();
        assertTrue(from.startsWith("model " + Trainer.parametersFingerprint(first.model()) + " (trained on 9000 rows")
            && from.contains(first.provenance().dataSha256().substring(0, 12)) && from.contains("5 epochs")
            && from.contains("started from random weights"), from);
    }

    @Test
    @Timeout(600)
    void aDl4jMadeVaeTrainedFurtherByOurTrainerImproves() throws IOException {
        TrainedModel dl4j;
        try (InputStream in = Files.newInputStream(DL4J_MADE)) {
            dl4j = ModelArchive.read(in);
        }
        double before = testNegElbo(dl4j.vae());
        TrainingResult tuned = Trainer.continueFrom(dl4j, TRAIN.data(false), TrainingConfig.defaults(2, 3), null,
            null);
        double after = testNegElbo(tuned.model());
        System.out.printf("fine-tuning the DL4J-made VAE: test -ELBO %.3f -> %.3f%n", before, after);
        assertTrue(after < before, "test -ELBO " + before + " -> " + after);
        assertEquals(dl4j.vae().config().describe(), tuned.model().config().describe(), "the architecture is kept");
        assertTrue(tuned.provenance().startedFrom().contains("imported from a DL4J model file"),
            tuned.provenance().startedFrom());
    }

    @Test
    void aModelThatDoesNotFitTheRowsIsRefused() {
        VaeConfig small = VaeConfig.of(16, new int[] {8}, 2);
        TrainingResult r = Trainer.train(small, new TrainingData(new float[16 * 4], 4, 16, null),
            TrainingConfig.defaults(1, 1), null, null);
        TrainedModel m = TrainedModel.of(r, InputDescription.ofList("x", 16));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> Trainer.continueFrom(m, TRAIN.data(false), TrainingConfig.defaults(1, 1), null, null));
        assertTrue(e.getMessage().contains("16 values per row") && e.getMessage().contains("784"), e.getMessage());
    }
}
