package org.vaenodes.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.model.RowScores;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.TrainerChoice;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * Training from a file chunk by chunk ({@link ChunkedFeed}) instead of one array: the same quality on data that
 * fits, with both trainers, early stopping and labels; chunks really are small (the buffer the session reads).
 */
class ChunkedTrainingTest {

    @TempDir
    static Path dir;

    static Digits train;
    static Digits test;
    static Path trainFile;

    @BeforeAll
    static void data() throws IOException {
        train = Digits.load(BuiltInSample.Split.TRAIN, 9_000);
        test = Digits.load(BuiltInSample.Split.TEST, 1_000);
        trainFile = dir.resolve("train.rows");
        try (RowFile.Writer w = new RowFile.Writer(trainFile, Digits.D, true)) {
            for (int i = 0; i < train.n; i++) {
                w.append(train.x, i * Digits.D, train.labels[i]);
            }
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void chunkedAndInMemoryTrainingReachTheSameTestNegElbo() throws IOException {
        VaeConfig cfg = VaeConfig.of(784, new int[] {400}, 20).withImageShape(28, 28);
        TrainingConfig tc = new TrainingConfig(8, 128, 1e-3, 7, 0.1, 0, false);
        TrainingResult inMemory = Trainer.train(cfg, train.data(false), tc, null, null);
        TrainingResult chunked;
        List<Integer> batchesSeen = new ArrayList<>();
        try (RowFile rows = unlabelled()) {
            // 1,024-row chunks: nine of them a pass, each shuffled inside, the chunk order shuffled every epoch
            chunked = Trainer.train(Vae.create(cfg, tc.seed()), rows, tc, 1024, new TrainingListener() {
                @Override
                public void onBatch(int epoch, int batch, int batches, double loss) {
                    if (epoch == 1 && batch == 1) {
                        batchesSeen.add(batches);
                    }
                }
            }, null);
        }
        double a = testNegElbo(inMemory.model());
        double b = testNegElbo(chunked.model());
        assertTrue(a < 160 && b < 160, "both learnt the digits: " + a + ", " + b);
        assertEquals(a, b, 0.01 * a, "test −ELBO in memory " + a + " vs in chunks " + b);
        assertEquals(Trainer.fingerprint(train.data(false)), chunked.provenance().dataSha256());
        // 9,000 rows = 36 blocks of 250-256 rows, 4 for validation (10 %); 32 training blocks in 8 chunks of 4
        assertTrue(batchesSeen.get(0) >= 63 && batchesSeen.get(0) <= 72, "batches " + batchesSeen);
        assertTrue(chunked.history().get(7).hasValidation());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void dl4jsTrainerAndEarlyStoppingWorkOnChunksToo() throws IOException {
        VaeConfig cfg = VaeConfig.of(784, new int[] {64}, 2).withImageShape(28, 28);
        TrainingConfig tc = new TrainingConfig(3, 64, 1e-3, 3, 0.2, 1, false).withTrainer(TrainerChoice.DL4J);
        try (RowFile rows = unlabelled()) {
            TrainingResult r = Trainer.train(Vae.create(cfg, 3), rows, tc, 512, null, null);
            assertEquals(3, r.history().size());
            assertTrue(r.history().get(2).trainNegElbo() < r.history().get(0).trainNegElbo(), "it learns");
            assertTrue(r.provenance().trainer().startsWith("dl4j"), r.provenance().trainer());
            assertTrue(r.bestEpoch() >= 1 && r.provenance().training().bestEpoch() == r.bestEpoch());
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aConditionalModelGetsEachRowsLabelFromTheFile() throws IOException {
        VaeConfig cfg = VaeConfig.of(784, new int[] {64}, 2).withImageShape(28, 28).withNumClasses(10);
        TrainingConfig tc = new TrainingConfig(2, 64, 1e-3, 5, 0, 0, false);
        try (RowFile rows = RowFile.open(trainFile)) {
            TrainingResult chunked = Trainer.train(Vae.create(cfg, 5), rows, tc, 2048, null, null);
            TrainingResult inMemory = Trainer.train(cfg, train.data(true), tc, null, null);
            double a = inMemory.history().get(1).trainNegElbo();
            double b = chunked.history().get(1).trainNegElbo();
            assertEquals(a, b, 0.03 * a, "labels reach the model: " + a + " vs " + b);
            assertEquals(Trainer.fingerprint(train.data(true)), chunked.provenance().dataSha256());
        }
    }

    @Test
    void valuesTheLikelihoodCannotModelAreNamedByTheirRowInTheWholeFile() throws IOException {
        Path file = dir.resolve("bad.rows");
        try (RowFile.Writer w = new RowFile.Writer(file, 4, false)) {
            for (int r = 0; r < 3000; r++) {
                w.append(new float[] {0.5f, 0.5f, r == 2700 ? 7f : 0.1f, 0}, 0, 0);
            }
        }
        try (RowFile rows = RowFile.open(file)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.train(
                    Vae.create(VaeConfig.of(4, new int[] {3}, 2), 1), rows, TrainingConfig.defaults(1, 1), 512, null,
                    null));
            assertTrue(e.getMessage().contains("row 2701 has 7.0"), e.getMessage());
        }
        try (RowFile rows = RowFile.open(file)) {
            TrainingResult r = Trainer.train(Vae.create(VaeConfig.of(4, new int[] {3}, 2)
                    .withLikelihood(Likelihood.GAUSSIAN), 1), rows, TrainingConfig.defaults(1, 1), 512, null, null);
            assertEquals(1, r.history().size());
        }
    }

    private static RowFile unlabelled() throws IOException {
        Path file = dir.resolve("unlabelled.rows");
        if (!java.nio.file.Files.exists(file)) {
            try (RowFile.Writer w = new RowFile.Writer(file, Digits.D, false)) {
                for (int i = 0; i < train.n; i++) {
                    w.append(train.x, i * Digits.D, 0);
                }
            }
        }
        return RowFile.open(file);
    }

    private static double testNegElbo(Vae vae) {
        RowScores s = vae.evaluate(test.x, test.n, null, 99);
        double sum = 0;
        for (double v : s.negElbo()) {
            sum += v;
        }
        return sum / test.n;
    }
}
