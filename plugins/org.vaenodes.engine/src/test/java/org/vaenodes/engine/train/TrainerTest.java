package org.vaenodes.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaenodes.engine.concurrent.EngineThread;
import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.VaeConfig;

class TrainerTest {

    static Digits digits;
    static final VaeConfig MNIST = VaeConfig.of(784, new int[] {400}, 20).withImageShape(28, 28);

    @BeforeAll
    static void load() {
        digits = Digits.load(BuiltInSample.Split.TRAIN, 3000);
    }

    private static Digits first(int n) {
        return new Digits.Slice(digits, n).get();
    }

    @Test
    void trainingLowersNegElboAndBeatsTheMeanImage() {
        Digits d = first(2000);
        TrainingResult r = Trainer.train(MNIST, d.data(false), new TrainingConfig(3, 32, 1e-3, 5, 0.1, 0, false),
                null, null);
        assertEquals(3, r.history().size());
        EpochStats e1 = r.history().get(0);
        EpochStats e3 = r.history().get(2);
        assertTrue(e3.trainNegElbo() < e1.trainNegElbo() - 20, r.history().toString());
        assertTrue(e3.validationNegElbo() < e1.validationNegElbo(), r.history().toString());
        assertTrue(e3.validationNegElbo() < 220, "validation -ELBO " + e3.validationNegElbo());
        // reconstructions beat the mean image on held-out digits
        Digits test = Digits.load(BuiltInSample.Split.TEST, 200);
        float[] rec = r.model().reconstruct(test.x, test.n, null);
        float[] mean = d.meanImage();
        double mseRec = 0;
        double mseMean = 0;
        for (int i = 0; i < test.n; i++) {
            for (int j = 0; j < Digits.D; j++) {
                double v = test.x[i * Digits.D + j];
                mseRec += sq(v - rec[i * Digits.D + j]);
                mseMean += sq(v - mean[j]);
            }
        }
        assertTrue(mseRec < 0.8 * mseMean, "reconstruction MSE " + mseRec + " vs mean image " + mseMean);
        assertTrue(r.provenance().dataSha256().matches("[0-9a-f]{64}"));
        assertEquals(Trainer.fingerprint(d.data(false)), r.provenance().dataSha256());
        assertEquals(org.vaenodes.engine.model.Provenance.architectureOf(MNIST), r.provenance().architecture());
        // run from the class folder, not the bundle: the engine does not make a version up
        assertEquals(org.vaenodes.engine.model.EngineInfo.UNKNOWN_VERSION, r.provenance().engineVersion());
        // the provenance names what trained: the active backend's device (here the CPU, with its OpenBLAS kernels)
        assertEquals(org.vaenodes.engine.backend.Nd4jRuntime.status().device(), r.provenance().device());
    }

    @Test
    void provenanceRecordsEverySettingAndTheRun() {
        Digits d = first(300);
        TrainingConfig tc = new TrainingConfig(3, 50, 2e-3, 11, 0.2, 5, true);
        TrainingResult r = Trainer.train(VaeConfig.of(784, new int[] {32}, 2).withBeta(0.5), d.data(false), tc, null,
                null);
        org.vaenodes.engine.model.Provenance p = r.provenance();
        org.vaenodes.engine.model.Provenance.Training t = p.training();
        assertEquals(java.util.List.of(3, 3, r.bestEpoch(), false, 50, 2e-3, 0.2, 5, true),
                java.util.List.of(t.epochsAsked(), t.epochsRun(), t.bestEpoch(), t.stoppedEarly(), t.batchSize(),
                        t.learningRate(), t.validationFraction(), t.patience(), t.binarize()));
        assertEquals(org.vaenodes.engine.concurrent.EngineWorkers.threadCount(), t.threads(), "the fast path's lanes");
        assertEquals(System.getProperty("java.version"), t.javaVersion());
        assertEquals(11, p.seed());
        assertEquals(300, p.rows());
        assertEquals(0.5, r.model().config().beta(), "β is recorded with the network's configuration");
        assertTrue(p.trainer().startsWith("fast: "), p.trainer());
        assertTrue(!p.started().isAfter(p.finished()));
    }

    @Test
    void valuesOutsideWhatTheLikelihoodTakesAreRefusedNamingTheRow() {
        Digits d = first(50);
        float[] x = d.data(false).values().clone();
        x[3 * 784 + 100] = 2f;
        TrainingData bad = new TrainingData(x, 50, 784, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.train(
                VaeConfig.of(784, new int[] {8}, 2), bad, new TrainingConfig(1, 10, 1e-3, 1, 0, 0, false), null, null));
        assertTrue(e.getMessage().contains("[0, 1]") && e.getMessage().contains("row 4 has 2.0"), e.getMessage());
        x[3 * 784 + 100] = Float.POSITIVE_INFINITY;
        assertTrue(bad.whyNotFor(org.vaenodes.engine.spec.Likelihood.GAUSSIAN).contains("row 4"));
    }

    @Test
    void sameSeedGivesIdenticalWeights() {
        Digits d = first(600);
        TrainingConfig tc = new TrainingConfig(2, 64, 1e-3, 42, 0.1, 0, true);
        float[] a = Trainer.train(MNIST, d.data(false), tc, null, null).model().parameters();
        float[] b = Trainer.train(MNIST, d.data(false), tc, null, null).model().parameters();
        assertArrayEquals(a, b);
        float[] c = Trainer.train(MNIST, d.data(false), new TrainingConfig(2, 64, 1e-3, 43, 0.1, 0, true), null,
                null).model().parameters();
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void cancelStopsWithinOneBatch() {
        Digits d = first(2000);
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger afterCancel = new AtomicInteger();
        TrainingListener l = new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int total, double loss) {
                if (batches.incrementAndGet() > 3) {
                    afterCancel.incrementAndGet();
                }
            }
        };
        TrainingCancelledException e = assertThrows(TrainingCancelledException.class, () -> Trainer.train(MNIST,
                d.data(false), TrainingConfig.defaults(50, 1), l, () -> batches.get() >= 3));
        assertEquals(0, afterCancel.get());
        assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
    }

    @Test
    void hugeLearningRateIsReportedAsDivergence() {
        Digits d = first(1000);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Trainer.train(MNIST.withLikelihood(Likelihood.GAUSSIAN), d.data(false),
                        new TrainingConfig(5, 128, 1e6, 1, 0, 0, false), null, null));
        assertTrue(e.getMessage().contains("epoch " + e.epoch()), e.getMessage());
        assertTrue(e.getMessage().contains("lower learning rate"), e.getMessage());
    }

    @Test
    void betaZeroGivesLargerKlThanBetaOne() {
        Digits d = first(1000);
        TrainingConfig tc = new TrainingConfig(3, 32, 1e-3, 3, 0, 0, false);
        VaeConfig small = VaeConfig.of(784, new int[] {200}, 10);
        double kl0 = Trainer.train(small.withBeta(0), d.data(false), tc, null, null).history().get(2).trainKl();
        double kl1 = Trainer.train(small.withBeta(1), d.data(false), tc, null, null).history().get(2).trainKl();
        assertTrue(kl0 > 2 * kl1, "KL with β=0: " + kl0 + ", with β=1: " + kl1);
    }

    @Test
    void earlyStoppingRestoresBestWeights() {
        Digits d = first(400);
        // a learning rate that makes validation worse after a while; 300 training rows overfit long before the
        // last of the 200 epochs, so early stopping must end the run
        VaeConfig cfg = VaeConfig.of(784, new int[] {64}, 4);
        TrainingConfig tc = new TrainingConfig(200, 32, 3e-3, 9, 0.25, 2, false);
        TrainingResult r = Trainer.train(cfg, d.data(false), tc, null, null);
        int epochs = r.history().size();
        assertTrue(r.stoppedEarly(), "these settings must trigger early stopping: " + r.history());
        int best = r.bestEpoch();
        assertEquals(best + 2, epochs, "stopped after the patience of 2 epochs without improvement");
        double bestVal = r.history().get(best - 1).validationNegElbo();
        for (EpochStats s : r.history()) {
            assertTrue(s.validationNegElbo() >= bestVal - 1e-9, "epoch " + s.epoch() + " beats the best epoch "
                    + best + ": " + r.history());
        }
        // the same run without early stopping, cut after the best epoch and after the last one trained (on the CPU
        // the same seed and rows give bit-identical weights; validation does not touch the training's noise): the
        // returned model holds exactly the best epoch's weights, not those of the last epoch trained
        float[] returned = r.model().parameters();
        float[] atBest = Trainer.train(cfg, d.data(false), new TrainingConfig(best, 32, 3e-3, 9, 0.25, 0, false),
                null, null).model().parameters();
        float[] atLast = Trainer.train(cfg, d.data(false), new TrainingConfig(epochs, 32, 3e-3, 9, 0.25, 0, false),
                null, null).model().parameters();
        assertArrayEquals(atBest, returned, "the best epoch's weights were not restored");
        assertFalse(java.util.Arrays.equals(atLast, returned),
                "the returned weights are the last epoch's, trained two epochs past the best one");
    }

    @Test
    void trainingAModelLeavesItAsItWas() {
        Digits d = first(200);
        Vae start = Vae.create(VaeConfig.of(784, new int[] {32}, 2), 4);
        float[] before = start.parameters();
        TrainingResult r = Trainer.train(start, d.data(false), TrainingConfig.defaults(2, 4), null, null);
        assertArrayEquals(before, start.parameters(), "the model given to the trainer changed");
        assertNotSame(start, r.model());
        assertFalse(java.util.Arrays.equals(before, r.model().parameters()), "training changed nothing");
    }

    @Test
    void conditionalSamplesLookLikeTheirClass() {
        Digits d = digits;
        VaeConfig cfg = VaeConfig.of(784, new int[] {256}, 2).withNumClasses(10).withImageShape(28, 28);
        TrainingResult r = Trainer.train(cfg, d.data(true), new TrainingConfig(8, 32, 1e-3, 11, 0, 0, false),
                null, null);
        Vae vae = r.model();
        float[][] classMeans = new float[10][Digits.D];
        int[] counts = new int[10];
        for (int i = 0; i < d.n; i++) {
            counts[d.labels[i]]++;
            for (int j = 0; j < Digits.D; j++) {
                classMeans[d.labels[i]][j] += d.x[i * Digits.D + j];
            }
        }
        for (int k = 0; k < 10; k++) {
            for (int j = 0; j < Digits.D; j++) {
                classMeans[k][j] /= counts[k];
            }
        }
        int correct = 0;
        for (int k = 0; k < 10; k++) {
            int[] labels = new int[50];
            java.util.Arrays.fill(labels, k);
            float[] s = vae.samplePrior(50, 100 + k, labels);
            float[] m = new float[Digits.D];
            for (int i = 0; i < 50; i++) {
                for (int j = 0; j < Digits.D; j++) {
                    m[j] += s[i * Digits.D + j] / 50;
                }
            }
            int nearest = -1;
            double best = Double.MAX_VALUE;
            for (int c = 0; c < 10; c++) {
                double dist = 0;
                for (int j = 0; j < Digits.D; j++) {
                    dist += sq(m[j] - classMeans[c][j]);
                }
                if (dist < best) {
                    best = dist;
                    nearest = c;
                }
            }
            if (nearest == k) {
                correct++;
            }
        }
        assertEquals(10, correct, "classes whose samples are nearest to their own class mean");
    }

    @Test
    void badInputsGiveClearErrors() {
        Digits d = first(100);
        assertThrows(IllegalArgumentException.class, () -> Trainer.train(VaeConfig.of(10, new int[] {4}, 2),
                d.data(false), TrainingConfig.defaults(1, 1), null, null));
        assertThrows(IllegalArgumentException.class, () -> Trainer.train(MNIST.withNumClasses(10), d.data(false),
                TrainingConfig.defaults(1, 1), null, null));
        assertThrows(IllegalArgumentException.class, () -> new TrainingConfig(1, 128, 1e-3, 1, 0, 3, false));
    }

    @Test
    void runsOnTheEngineThread() {
        assertFalse(EngineThread.isEngineThread());
        assertTrue(EngineThread.supply(EngineThread::isEngineThread));
        String name = EngineThread.supply(() -> Thread.currentThread().getName());
        assertEquals(EngineThread.THREAD_NAME, name);
    }

    private static double sq(double v) {
        return v * v;
    }
}
