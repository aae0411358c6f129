package org.vaenodes.engine.train;

import org.vaenodes.engine.concurrent.EngineThread;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.vaenodes.engine.backend.Nd4jRuntime;
import org.vaenodes.engine.model.EngineInfo;
import org.vaenodes.engine.model.Likelihood;
import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.model.TrainerChoice;
import org.vaenodes.engine.model.TrainingSession;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.model.VaeConfig;

/**
 * Trains a {@link Vae} with mini-batch Adam on the {@link EngineThread}.
 *
 * <p>Reproducibility: the seed fixes the initial weights, the validation split (last part of a seeded
 * permutation), the per-epoch shuffling ({@code java.util.Random(seed)}) and the noise ε (a random generator seeded
 * from it), so on CPU the same seed and data give bit-identical weights.
 *
 * <p>Objective per batch: Σ_rows (reconstruction + β·KL), as in PyTorch's VAE example; the history reports means
 * per row. Early stopping watches the validation objective (reconstruction + β·KL; equal to −ELBO for β = 1) and,
 * when on, the best weights are restored at the end — whether or not training stopped early.
 */
public final class Trainer {

    private Trainer() {
    }

    /** Trains a new model; see {@link #train(Vae, TrainingData, TrainingConfig, TrainingListener, BooleanSupplier)}. */
    public static TrainingResult train(VaeConfig config, TrainingData data, TrainingConfig training,
            TrainingListener listener, BooleanSupplier cancelled) {
        Objects.requireNonNull(config, "config");
        checkData(config, data, training);
        Vae vae = Vae.create(config, training.seed());
        return train(vae, data, training, listener, cancelled);
    }

    /**
     * Trains (or continues to train) {@code vae} in place.
     *
     * @param listener  progress callbacks (may be null)
     * @param cancelled polled before every batch; true cancels with a {@link TrainingCancelledException}, as does
     *                  an interrupt of the engine thread
     * @throws TrainingDivergedException if the loss or weights become NaN or infinite
     */
    public static TrainingResult train(Vae vae, TrainingData data, TrainingConfig training,
            TrainingListener listener, BooleanSupplier cancelled) {
        checkData(vae.config(), data, training);
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        BooleanSupplier c = cancelled == null ? () -> false : cancelled;
        try {
            return EngineThread.call(() -> run(vae, data, training, l, c));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void checkData(VaeConfig config, TrainingData data, TrainingConfig training) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(training, "training");
        String whyNotDl4j = training.trainer() == TrainerChoice.DL4J ? TrainerChoice.whyNotDl4jTrainer(config) : null;
        if (whyNotDl4j != null) {
            throw new IllegalArgumentException("DL4J's trainer cannot train this model: " + whyNotDl4j
                    + ". Choose the fast trainer.");
        }
        if (data.d() != config.inputSize()) {
            throw new IllegalArgumentException("The model expects " + config.inputSize()
                    + " values per row but the training data has " + data.d());
        }
        if (config.isConditional() && data.labels() == null) {
            throw new IllegalArgumentException("A conditional VAE needs a class label for every training row");
        }
        if (binarize(config, training) && config.likelihood() != Likelihood.BERNOULLI) {
            throw new IllegalArgumentException("Stochastic binarization needs the Bernoulli likelihood");
        }
        String unfit = data.whyNotFor(config.likelihood());
        if (unfit != null) {
            throw new IllegalArgumentException(unfit);
        }
        int val = validationRows(data.n(), training.validationFraction());
        if (training.validationFraction() > 0 && (val < 1 || data.n() - val < 1)) {
            throw new IllegalArgumentException("With " + data.n() + " rows and validation fraction "
                    + training.validationFraction() + " there is no room for both training and validation rows");
        }
    }

    private static boolean binarize(VaeConfig config, TrainingConfig training) {
        return config.binarize() || training.binarize();
    }

    static int validationRows(int n, double fraction) {
        return fraction == 0 ? 0 : (int) Math.round(n * fraction);
    }

    private static TrainingResult run(Vae vae, TrainingData data, TrainingConfig tc, TrainingListener listener,
            BooleanSupplier cancelled) {
        Instant started = Instant.now();
        String backend = Nd4jRuntime.ensureStarted();
        String fingerprint = fingerprint(data);
        int n = data.n();
        Random shuffler = new Random(tc.seed());
        int[] perm = identity(n);
        int nVal = validationRows(n, tc.validationFraction());
        int nTrain = n - nVal;
        if (nVal > 0) {
            shuffle(perm, shuffler);
        }
        int[] trainIdx = java.util.Arrays.copyOfRange(perm, 0, nTrain);
        int[] valIdx = java.util.Arrays.copyOfRange(perm, nTrain, n);
        int batches = (nTrain + tc.batchSize() - 1) / tc.batchSize();
        boolean earlyStopping = tc.earlyStoppingPatience() > 0 && nVal > 0;
        List<EpochStats> history = new ArrayList<>();
        double bestObjective = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        boolean stoppedEarly = false;
        double beta = vae.config().beta();
        String trainedBy;
        int threads;
        try (TrainingSession session = new TrainingSession(vae, data.values(), n, data.labels(),
                tc.learningRate(), tc.seed(), binarize(vae.config(), tc), tc.trainer(), tc.batchSize())) {
            trainedBy = session.kernels();
            threads = session.threads();
            for (int epoch = 1; epoch <= tc.epochs(); epoch++) {
                long t0 = System.nanoTime();
                shuffle(trainIdx, shuffler);
                double recon = 0;
                double kl = 0;
                for (int b = 0; b < batches; b++) {
                    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                        throw new TrainingCancelledException("Training was cancelled in epoch " + epoch
                                + ", batch " + (b + 1) + " of " + batches);
                    }
                    int from = b * tc.batchSize();
                    int to = Math.min(nTrain, from + tc.batchSize());
                    double[] s = session.trainBatch(trainIdx, from, to);
                    if (!Double.isFinite(s[0])) {
                        throw diverged(epoch, b + 1, batches, tc.learningRate(), "the loss became " + s[0]);
                    }
                    recon += s[1];
                    kl += s[2];
                    listener.onBatch(epoch, b + 1, batches, s[0] / (to - from));
                }
                if (!session.parametersFinite()) {
                    throw diverged(epoch, batches, batches, tc.learningRate(),
                            "the weights became NaN or infinite");
                }
                double valNegElbo = Double.NaN;
                if (nVal > 0) {
                    session.resetEvaluationNoise();
                    double[] v = session.evaluate(valIdx, 0, nVal);
                    if (!Double.isFinite(v[0])) {
                        throw diverged(epoch, 0, batches, tc.learningRate(), "the validation loss became " + v[0]);
                    }
                    valNegElbo = (v[1] + v[2]) / nVal;
                    double objective = v[0] / nVal;
                    if (objective < bestObjective) {
                        bestObjective = objective;
                        bestEpoch = epoch;
                        if (earlyStopping) {
                            session.rememberBest();
                        }
                    }
                } else {
                    bestEpoch = epoch;
                }
                EpochStats stats = new EpochStats(epoch, (recon + kl) / nTrain, recon / nTrain, kl / nTrain,
                        valNegElbo, (System.nanoTime() - t0) / 1e9);
                history.add(stats);
                listener.onEpoch(stats);
                if (earlyStopping && epoch - bestEpoch >= tc.earlyStoppingPatience() && epoch < tc.epochs()) {
                    stoppedEarly = true;
                    break;
                }
            }
            if (earlyStopping) {
                session.restoreBest();
            }
        }
        // what actually trained: the started backend's device (the GPU on CUDA; cores and OpenBLAS kernels on the CPU)
        Provenance provenance = new Provenance(fingerprint, n, tc.seed(), backend, Nd4jRuntime.status().device(),
                EngineInfo.nd4jVersion(), EngineInfo.ENGINE_VERSION, started, Instant.now(),
                Provenance.trainerDescription(tc.trainer(), trainedBy),
                new Provenance.Training(tc.epochs(), history.size(), nVal > 0 ? bestEpoch : history.size(),
                        stoppedEarly, tc.batchSize(), tc.learningRate(), tc.validationFraction(),
                        tc.earlyStoppingPatience(), binarize(vae.config(), tc), threads,
                        System.getProperty("java.version")));
        return new TrainingResult(vae, history, stoppedEarly, bestEpoch, backend, provenance);
    }

    private static TrainingDivergedException diverged(int epoch, int batch, int batches, double lr, String what) {
        String where = batch > 0 ? "epoch " + epoch + ", batch " + batch + " of " + batches
                : "the validation after epoch " + epoch;
        return new TrainingDivergedException("Training diverged in " + where + ": " + what
                + ". Try a lower learning rate (now " + lr + ", e.g. " + (lr / 10) + "), check the input values "
                + "for NaN or huge numbers, or use the Bernoulli likelihood only with inputs in [0, 1].",
                epoch);
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** SHA-256 (hex) of n, D, the values as float32 little-endian and the labels (if any). */
    public static String fingerprint(TrainingData data) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            buf.putInt(data.n()).putInt(data.d());
            float[] v = data.values();
            for (float f : v) {
                if (buf.remaining() < 4) {
                    buf.flip();
                    md.update(buf);
                    buf.clear();
                }
                buf.putFloat(f);
            }
            if (data.labels() != null) {
                for (int label : data.labels()) {
                    if (buf.remaining() < 4) {
                        buf.flip();
                        md.update(buf);
                        buf.clear();
                    }
                    buf.putInt(label);
                }
            }
            buf.flip();
            md.update(buf);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
