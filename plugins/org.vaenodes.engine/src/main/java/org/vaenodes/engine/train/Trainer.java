package org.vaenodes.engine.train;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.vaenodes.engine.backend.Nd4jRuntime;
import org.vaenodes.engine.concurrent.EngineThread;
import org.vaenodes.engine.concurrent.EngineWorkers;
import org.vaenodes.engine.model.EngineInfo;
import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.VaeConfig;

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

    /** Trains a new model; see {@link #train(Vae, TrainingRows, TrainingConfig, TrainingListener, BooleanSupplier)}. */
    public static TrainingResult train(VaeConfig config, TrainingRows data, TrainingConfig training,
            TrainingListener listener, BooleanSupplier cancelled) {
        Objects.requireNonNull(config, "config");
        checkData(config, data, training);
        return execute(() -> Network.create(config, training.seed()), Provenance.FROM_SCRATCH, data, training, 0,
                listener, cancelled);
    }

    /**
     * Trains a copy of {@code vae} from its current parameters (it stays as it is: a model never changes once made).
     * Rows in memory ({@link TrainingData}) are read in place;
     * any other source is first read once (fingerprint and value check), then trained chunk by chunk when it does not
     * fit the heap budget ({@link TrainingMemory}; see {@link ChunkedFeed} for the order), else read into one array.
     *
     * @param listener  progress callbacks (may be null)
     * @param cancelled polled before every batch; true cancels with a {@link TrainingCancelledException}, as does
     *                  an interrupt of the engine thread
     * @throws TrainingDivergedException if the loss or weights become NaN or infinite
     */
    public static TrainingResult train(Vae vae, TrainingRows data, TrainingConfig training,
            TrainingListener listener, BooleanSupplier cancelled) {
        return train(vae, data, training, 0, listener, cancelled);
    }

    /**
     * As {@link #train(Vae, TrainingRows, TrainingConfig, TrainingListener, BooleanSupplier)}; a source that is not
     * in memory is trained in chunks of {@code chunkRows} rows whatever the heap (0: the heap budget decides).
     */
    static TrainingResult train(Vae vae, TrainingRows data, TrainingConfig training, int chunkRows,
            TrainingListener listener, BooleanSupplier cancelled) {
        checkData(vae.config(), data, training);
        return execute(() -> Network.fromParameters(vae.config(), vae.parameters()),
                "weights " + parametersFingerprint(vae), data, training, chunkRows, listener, cancelled);
    }

    /**
     * Warm start: trains on from a trained model's weights (a fine-tuning, or one round of parameter averaging), with
     * its architecture; Adam starts afresh (its moments are not part of a model). The new model's provenance records
     * where it started: the fingerprint of the starting parameters and the starting model's own provenance.
     * Otherwise as {@link #train(Vae, TrainingRows, TrainingConfig, TrainingListener, BooleanSupplier)}.
     */
    public static TrainingResult continueFrom(TrainedModel start, TrainingRows data, TrainingConfig training,
            TrainingListener listener, BooleanSupplier cancelled) {
        Vae vae = start.vae();
        checkData(vae.config(), data, training);
        String from = "model " + parametersFingerprint(vae) + " (" + start.provenance().summary() + ")";
        return execute(() -> Network.fromParameters(vae.config(), vae.parameters()), from, data, training, 0,
                listener, cancelled);
    }

    /** The first 16 hex digits of the SHA-256 of a model's parameters (float32, little-endian). */
    static String parametersFingerprint(Vae vae) {
        float[] p = vae.parameters();
        ByteBuffer bytes = ByteBuffer.allocate(4 * p.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(p);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes.array());
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /**
     * Trains the network {@code own} makes on the engine thread — a new one, or a copy of a model's parameters, never
     * a model's own — and returns a new model of the result.
     */
    private static TrainingResult execute(Supplier<Network> own, String startedFrom, TrainingRows data,
            TrainingConfig training, int chunkRows, TrainingListener listener, BooleanSupplier cancelled) {
        TrainingListener l = listener == null ? TrainingListener.NONE : listener;
        BooleanSupplier c = cancelled == null ? () -> false : cancelled;
        try {
            return EngineThread.call(() -> {
                // the fingerprint (SHA-256 at about 1 GB/s: 170 ms for Fashion-MNIST) only goes into the provenance;
                // rows in memory are checked already, so a worker hashes them while this thread builds the network
                // and the training session. A source on disk is checked by the same pass (scan), before all else.
                Future<String> hashing = data instanceof TrainingData ? EngineWorkers.start(() -> fingerprint(data))
                        : null;
                try {
                    return run(own.get(), hashing, startedFrom, data, training, chunkRows, l, c);
                } catch (Exception | Error e) {
                    // run awaits the hash before training; after a failure before that it is awaited here, so
                    // that nothing reads the caller's rows once train has returned
                    if (hashing != null) {
                        try {
                            EngineWorkers.await(hashing);
                        } catch (RuntimeException | Error f) {
                            e.addSuppressed(f);
                        }
                    }
                    throw e;
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void checkData(VaeConfig config, TrainingRows data, TrainingConfig training) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(training, "training");
        String whyNot = training.trainer().whyNot(config);
        if (whyNot != null) {
            throw new IllegalArgumentException("The " + training.trainer().id() + " trainer cannot train this model: "
                    + whyNot + ". Choose the fast trainer.");
        }
        if (data.rows() < 1) {
            throw new IllegalArgumentException("Training data needs at least one row");
        }
        if (data.width() != config.inputSize()) {
            throw new IllegalArgumentException("The model expects " + config.inputSize()
                    + " values per row but the training data has " + data.width());
        }
        if (config.isConditional() && !data.labelled()) {
            throw new IllegalArgumentException("A conditional VAE needs a class label for every training row");
        }
        if (binarize(config, training) && config.likelihood() != Likelihood.BERNOULLI) {
            throw new IllegalArgumentException("Stochastic binarization needs the Bernoulli likelihood");
        }
        if (data instanceof TrainingData inMemory) { // a source on disk is checked while it is read (scan)
            String unfit = inMemory.whyNotFor(config.likelihood());
            if (unfit != null) {
                throw new IllegalArgumentException(unfit);
            }
        }
        int val = validationRows(data.rows(), training.validationFraction());
        if (training.validationFraction() > 0 && (val < 1 || data.rows() - val < 1)) {
            throw new IllegalArgumentException("With " + data.rows() + " rows and validation fraction "
                    + training.validationFraction() + " there is no room for both training and validation rows");
        }
    }

    private static boolean binarize(VaeConfig config, TrainingConfig training) {
        return config.binarize() || training.binarize();
    }

    static int validationRows(int n, double fraction) {
        return fraction == 0 ? 0 : (int) Math.round(n * fraction);
    }

    /** The rows as the epochs will walk them: in place, read into one array, or chunk by chunk. */
    private static EpochFeed feed(TrainingRows data, TrainingConfig tc, int chunkRows, Random shuffler)
            throws IOException {
        if (data instanceof TrainingData inMemory) {
            return new InMemoryFeed(inMemory, validationRows(inMemory.n(), tc.validationFraction()), shuffler);
        }
        if (chunkRows == 0 && TrainingMemory.fitsInHeap(data.rows(), data.width())) {
            float[] values = new float[Math.multiplyExact(data.rows(), data.width())];
            int[] labels = data.labelled() ? new int[data.rows()] : null;
            data.read(0, data.rows(), values, labels, 0);
            TrainingData all = new TrainingData(values, data.rows(), data.width(), labels);
            return new InMemoryFeed(all, validationRows(all.n(), tc.validationFraction()), shuffler);
        }
        return new ChunkedFeed(data, tc.validationFraction(),
                chunkRows > 0 ? chunkRows : TrainingMemory.chunkRows(data.width()), shuffler);
    }

    /**
     * Trains {@code network}; {@code pendingFingerprint} is the data's fingerprint being computed on a worker, or
     * null to compute it here (with the check of every value, for a source on disk).
     */
    private static TrainingResult run(Network network, Future<String> pendingFingerprint, String startedFrom,
            TrainingRows data, TrainingConfig tc, int chunkRows, TrainingListener listener, BooleanSupplier cancelled)
            throws IOException {
        Instant started = Instant.now();
        String backend = Nd4jRuntime.ensureStarted();
        String fingerprint = pendingFingerprint != null ? null : scan(data, network.config().likelihood());
        int n = data.rows();
        Random shuffler = new Random(tc.seed());
        List<EpochStats> history = new ArrayList<>();
        double bestObjective = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        boolean stoppedEarly = false;
        TrainingCode trainedBy;
        int threads;
        int nVal;
        try (EpochFeed feed = feed(data, tc, chunkRows, shuffler);
                TrainingSession session = new TrainingSession(network, feed.buffer(), feed.capacity(),
                        feed.labelBuffer(), tc)) {
            trainedBy = session.code();
            threads = session.threads();
            nVal = feed.validationRows();
            int nTrain = feed.trainRows();
            if (pendingFingerprint != null) {
                fingerprint = EngineWorkers.await(pendingFingerprint); // before the lanes need both cores
            }
            boolean earlyStopping = tc.earlyStoppingPatience() > 0 && nVal > 0;
            for (int epoch = 1; epoch <= tc.epochs(); epoch++) {
                long t0 = System.nanoTime();
                double[] sums = new double[2]; // reconstruction, KL
                final int e = epoch;
                feed.trainEpoch(shuffler, tc.batchSize(), (order, from, to, b, batches) -> {
                    if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                        throw new TrainingCancelledException("Training was cancelled in epoch " + e
                                + ", batch " + b + " of " + batches);
                    }
                    double[] s = session.trainBatch(order, from, to);
                    if (!Double.isFinite(s[0])) {
                        throw diverged(e, b, batches, tc.learningRate(), "the loss became " + s[0]);
                    }
                    sums[0] += s[1];
                    sums[1] += s[2];
                    listener.onBatch(e, b, batches, s[0] / (to - from));
                });
                if (!session.parametersFinite()) {
                    throw diverged(epoch, -1, 0, tc.learningRate(), "the weights became NaN or infinite");
                }
                double valNegElbo = Double.NaN;
                if (nVal > 0) {
                    session.resetEvaluationNoise();
                    double[] v = new double[3];
                    feed.validate((order, count) -> {
                        double[] part = session.evaluate(order, 0, count);
                        for (int i = 0; i < v.length; i++) {
                            v[i] += part[i];
                        }
                    });
                    if (!Double.isFinite(v[0])) {
                        throw diverged(epoch, 0, 0, tc.learningRate(), "the validation loss became " + v[0]);
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
                EpochStats stats = new EpochStats(epoch, (sums[0] + sums[1]) / nTrain, sums[0] / nTrain,
                        sums[1] / nTrain, valNegElbo, (System.nanoTime() - t0) / 1e9);
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
                EngineInfo.nd4jVersion(), EngineInfo.engineVersion(), started, Instant.now(),
                trainedBy.describeFor(tc.trainer()),
                new Provenance.Training(tc.epochs(), history.size(), nVal > 0 ? bestEpoch : history.size(),
                        stoppedEarly, tc.batchSize(), tc.learningRate(), tc.validationFraction(),
                        tc.earlyStoppingPatience(), binarize(network.config(), tc), threads,
                        System.getProperty("java.version")), Provenance.architectureOf(network.config()),
                startedFrom);
        Vae trained = Vae.fromParameters(network.config(), network.parameters());
        return new TrainingResult(trained, history, stoppedEarly, bestEpoch, backend, provenance);
    }

    private static TrainingDivergedException diverged(int epoch, int batch, int batches, double lr, String what) {
        String where = batch > 0 ? "epoch " + epoch + ", batch " + batch + " of " + batches
                : batch < 0 ? "epoch " + epoch : "the validation after epoch " + epoch;
        return new TrainingDivergedException("Training diverged in " + where + ": " + what
                + ". Try a lower learning rate (now " + lr + ", e.g. " + (lr / 10) + "), check the input values "
                + "for NaN or huge numbers, or use the Bernoulli likelihood only with inputs in [0, 1].",
                epoch);
    }

    /** SHA-256 (hex) of n, D, the values as float32 little-endian and the labels (if any). */
    public static String fingerprint(TrainingRows data) {
        try {
            return scan(data, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads all rows once, chunk by chunk: returns their {@link #fingerprint} and, when {@code likelihood} is given,
     * fails on the first value it cannot model (see {@link TrainingData#whyNotFor}).
     */
    private static String scan(TrainingRows data, Likelihood likelihood) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        int n = data.rows();
        int d = data.width();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(n).putInt(d);
        boolean inMemory = data instanceof TrainingData;
        int chunk = inMemory ? n : Math.min(n, TrainingMemory.chunkRows(d));
        float[] values = inMemory ? ((TrainingData) data).values() : new float[Math.multiplyExact(chunk, d)];
        int[] chunkLabels = data.labelled() ? new int[chunk] : null;
        // the labels are hashed after all values, as in the in-memory layout: 4 bytes a row, kept until then
        int[] labels = data.labelled() ? new int[n] : null;
        for (int first = 0; first < n; first += chunk) {
            int count = Math.min(chunk, n - first);
            data.read(first, count, values, chunkLabels, 0);
            if (labels != null) {
                System.arraycopy(chunkLabels, 0, labels, first, count);
            }
            if (likelihood != null) {
                String unfit = TrainingData.whyNotFor(likelihood, values, count, d, first);
                if (unfit != null) {
                    throw new IllegalArgumentException(unfit);
                }
            }
            // whole runs of floats at a time (a bulk put into the little-endian view), same bytes as one by one
            for (int i = 0; i < count * d;) {
                if (buf.remaining() < 4) {
                    buf.flip();
                    md.update(buf);
                    buf.clear();
                }
                int run = Math.min(buf.remaining() / 4, count * d - i);
                buf.asFloatBuffer().put(values, i, run);
                buf.position(buf.position() + 4 * run);
                i += run;
            }
        }
        if (labels != null) {
            for (int label : labels) {
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
    }
}
