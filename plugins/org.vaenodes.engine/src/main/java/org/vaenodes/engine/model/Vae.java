package org.vaenodes.engine.model;

import java.nio.FloatBuffer;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaenodes.engine.concurrent.EngineThread;

/**
 * A variational autoencoder (Kingma &amp; Welling), with optional class conditioning and a KL weight β: a
 * Deeplearning4j network wherever DL4J can express it, and what callers do with it — encode, sample, decode, score.
 * The parameter layout is {@link VaeLayout}'s, the ND4J passes are {@link Nd4jVaeMath}'s, training is a
 * {@link TrainingSession}'s.
 *
 * <p>Network: encoder MLP → two linear heads μ and log σ² → z = μ + exp(½ log σ²)·ε → decoder MLP → linear output
 * (logits for Bernoulli, means for Gaussian). A conditional VAE appends the one-hot label to the encoder input and
 * to z. All parameters live in one flat vector in DL4J's layout ({@link Dense}, {@link VaeLayout}). When DL4J's layer can express the
 * network ({@link Dl4jConfigurations#whyNotDl4j}), that vector <em>is</em> the parameter vector of a DL4J
 * {@code MultiLayerNetwork} with one {@code VariationalAutoencoder} layer: our kernels read and train the DL4J
 * network's own memory, and DL4J's API sees every update. Weights and biases are initialised like PyTorch's
 * {@code nn.Linear}: U(−1/√fan_in, 1/√fan_in).
 *
 * <p>Every public method takes and returns plain Java arrays, runs its ND4J work on the {@link EngineThread} and
 * processes large inputs in chunks of {@value #CHUNK_ROWS} rows. Instances are safe to share between threads:
 * all access to the parameters is serialised on the engine thread. Only training changes the parameters (a
 * {@code TrainingSession} on the engine thread); once trained, a network is read, never written.
 */
public final class Vae {

    /** Rows processed at once by the inference methods. */
    public static final int CHUNK_ROWS = 1024;

    /** Learning rate of the Adam updater recorded in the network's DL4J configuration; training uses its own. */
    static final double DEFAULT_LEARNING_RATE = 1e-3;

    static final double HALF_LN_PI = 0.5 * Math.log(Math.PI);

    private final VaeConfig config;
    final DataType dtype;
    final Dense[] layers;
    final int numEnc;
    final long paramCount;
    /** Flat parameter vector [1, P]. Only touched on the engine thread. */
    final INDArray params;
    final Dense.Views[] views;
    /** The DL4J network whose parameters are {@link #params}, or null for a network DL4J cannot express. */
    final MultiLayerNetwork network;
    /** The forward and backward passes on these parameters with ND4J operations. */
    final Nd4jVaeMath math;

    private Vae(VaeConfig config, DataType dtype) {
        this.config = Objects.requireNonNull(config, "config");
        this.dtype = dtype;
        numEnc = config.encoderHidden().length;
        layers = VaeLayout.of(config);
        paramCount = layers[layers.length - 1].end();
        params = Nd4j.create(dtype, 1, paramCount);
        views = bindAll(params);
        network = Dl4jConfigurations.isDl4j(config) ? attachNetwork(config, params) : null;
        math = new Nd4jVaeMath(this);
    }

    /** A DL4J network over the given parameter vector (not copied: the network uses that memory). */
    private static MultiLayerNetwork attachNetwork(VaeConfig config, INDArray params) {
        MultiLayerNetwork net = new MultiLayerNetwork(Dl4jConfigurations.of(config, params.dataType(),
                DEFAULT_LEARNING_RATE, 0));
        net.init(params, false);
        if (net.numParams() != params.length()
                || net.params().data().addressPointer().address() != params.data().addressPointer().address()) {
            throw new IllegalStateException("DL4J laid out " + net.numParams() + " parameters of " + config.describe()
                    + " differently from the engine's " + params.length());
        }
        return net;
    }

    /** True if this network is a DL4J {@code MultiLayerNetwork} (see {@link Dl4jConfigurations#whyNotDl4j}). */
    public boolean isDl4jNetwork() {
        return network != null;
    }

    /** A new network with PyTorch-style random initialisation from {@code seed}. */
    public static Vae create(VaeConfig config, long seed) {
        return EngineThread.supply(() -> {
            Vae v = new Vae(config, DataType.FLOAT);
            v.initialise(seed);
            return v;
        });
    }

    /** A network with the given parameters (as returned by {@link #parameters()}). */
    public static Vae fromParameters(VaeConfig config, float[] parameters) {
        return EngineThread.supply(() -> {
            Vae v = new Vae(config, DataType.FLOAT);
            v.setParametersOnEngine(parameters);
            return v;
        });
    }

    /** A network of the same configuration and precision holding a copy of these parameters. */
    public Vae copy() {
        return EngineThread.supply(() -> {
            Vae v = new Vae(config, dtype);
            v.params.assign(params);
            return v;
        });
    }

    /** For tests: a double-precision network (finite-difference gradient checks). Engine thread only. */
    static Vae createDouble(VaeConfig config, long seed) {
        Vae v = new Vae(config, DataType.DOUBLE);
        v.initialise(seed);
        return v;
    }

    Dense.Views[] bindAll(INDArray flat) {
        Dense.Views[] v = new Dense.Views[layers.length];
        for (int i = 0; i < layers.length; i++) {
            v[i] = layers[i].bind(flat);
        }
        return v;
    }

    int muLayer() {
        return numEnc;
    }

    int lvLayer() {
        return numEnc + 1;
    }

    int firstDecLayer() {
        return numEnc + 2;
    }

    int outLayer() {
        return layers.length - 1;
    }

    private void initialise(long seed) {
        Random rnd = new Random(seed);
        double[] values = new double[Math.toIntExact(paramCount)];
        for (Dense d : layers) {
            double bound = 1.0 / Math.sqrt(d.fanIn());
            for (long i = d.offset; i < d.end(); i++) {
                values[(int) i] = (2 * rnd.nextDouble() - 1) * bound;
            }
        }
        if (dtype == DataType.DOUBLE) {
            params.data().asNioDouble().put(values);
        } else {
            FloatBuffer fb = params.data().asNioFloat();
            for (double v : values) {
                fb.put((float) v);
            }
        }
    }

    /** The configuration this network was built from. */
    public VaeConfig config() {
        return config;
    }

    /** A copy of all parameters in the network's internal layout (for persistence). */
    public float[] parameters() {
        return EngineThread.supply(() -> params.data().asFloat());
    }

    void setParametersOnEngine(float[] values) {
        if (values.length != paramCount) {
            throw new IllegalArgumentException("This network (" + config.describe() + ") has " + paramCount
                    + " parameters, but " + values.length + " values were given");
        }
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("The parameters contain NaN or infinite values");
            }
        }
        NdArrays.writeRows(params, 0, values, 0, values.length);
    }

    // ------------------------------------------------------------------------------------------------ public API

    /** Encodes {@code rows} inputs (row-major rows × D) to μ and log σ². Labels are required iff conditional. */
    public Encoding encode(float[] x, int rows, int[] labelsOrNull) {
        checkInput(x, rows, config.inputSize(), "input");
        checkLabels(labelsOrNull, rows);
        int l = config.latentSize();
        return EngineThread.supply(() -> {
            float[] mu = new float[rows * l];
            float[] lv = new float[rows * l];
            forChunks(rows, (pass, from, n) -> {
                pass.loadX(x, from, n);
                pass.loadLabels(labelsOrNull, from, n);
                math.runEncoder(pass);
                NdArrays.readRows(pass.act[muLayer()], mu, from * l, n * l);
                NdArrays.readRows(pass.act[lvLayer()], lv, from * l, n * l);
            });
            return new Encoding(mu, lv, rows, l);
        });
    }

    /** Draws z = μ + σ·ε for each row of an encoding (plain Java, seeded). */
    public float[] sampleZ(Encoding encoding, long seed) {
        Random rnd = new Random(seed);
        float[] mu = encoding.mu();
        float[] lv = encoding.logVar();
        float[] z = new float[mu.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (mu[i] + Math.exp(0.5 * lv[i]) * rnd.nextGaussian());
        }
        return z;
    }

    /** Decodes latent rows (rows × L) to output means (rows × D): pixel probabilities or Gaussian means. */
    public float[] decode(float[] z, int rows, int[] labelsOrNull) {
        checkInput(z, rows, config.latentSize(), "latent");
        checkLabels(labelsOrNull, rows);
        int d = config.inputSize();
        int l = config.latentSize();
        return EngineThread.supply(() -> {
            float[] out = new float[Math.multiplyExact(rows, d)];
            forChunks(rows, (pass, from, n) -> {
                pass.loadLabels(labelsOrNull, from, n);
                NdArrays.writeRows(pass.z, 0, z, from * l, n * l);
                math.runDecoder(pass);
                math.toMeans(pass.act[outLayer()]);
                NdArrays.readRows(pass.act[outLayer()], out, (long) from * d, n * d);
            });
            return out;
        });
    }

    /** Draws n samples z ~ N(0, I) (seeded) and decodes them; labels (length n) iff conditional. */
    public float[] samplePrior(int n, long seed, int[] labelsOrNull) {
        return decode(new PriorDraws(seed, config.latentSize()).next(n), n, labelsOrNull);
    }

    /** Reconstructs inputs through the posterior mean: decode(μ(x)). */
    public float[] reconstruct(float[] x, int rows, int[] labelsOrNull) {
        Encoding e = encode(x, rows, labelsOrNull);
        return decode(e.mu(), rows, labelsOrNull);
    }

    /** Per-row −ELBO, reconstruction and KL terms with one seeded sample z per row. */
    public RowScores evaluate(float[] x, int rows, int[] labelsOrNull, long seed) {
        checkInput(x, rows, config.inputSize(), "input");
        checkLabels(labelsOrNull, rows);
        return EngineThread.supply(() -> {
            double[] recon = new double[rows];
            double[] kl = new double[rows];
            org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
            try {
                forChunks(rows, (pass, from, n) -> {
                    pass.loadX(x, from, n);
                    pass.loadLabels(labelsOrNull, from, n);
                    Nd4j.randn(pass.eps, rng);
                    math.forward(pass, true);
                    try (INDArray r = math.reconRows(pass); INDArray k = math.klRows(pass)) {
                        NdArrays.copyRows(r, recon, from);
                        NdArrays.copyRows(k, kl, from);
                    }
                });
            } finally {
                TrainingSession.closeQuietly(rng);
            }
            double[] neg = new double[rows];
            for (int i = 0; i < rows; i++) {
                neg[i] = recon[i] + kl[i];
            }
            return new RowScores(neg, recon, kl);
        });
    }

    /**
     * Reconstruction log-probability per row, averaged over {@code samples} draws z ~ q(z | x) (the "reconstruction
     * probability" anomaly score: low = unusual). In nats.
     */
    public double[] reconstructionLogProbability(float[] x, int rows, int[] labelsOrNull, int samples, long seed) {
        checkInput(x, rows, config.inputSize(), "input");
        checkLabels(labelsOrNull, rows);
        if (samples < 1 || samples > 10_000) {
            throw new IllegalArgumentException("Number of samples must be between 1 and 10000, not " + samples);
        }
        return EngineThread.supply(() -> {
            double[] out = new double[rows];
            org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
            double[] tmp = new double[rows];
            forChunks(rows, (pass, from, n) -> {
                pass.loadX(x, from, n);
                pass.loadLabels(labelsOrNull, from, n);
                math.runEncoder(pass);
                for (int s = 0; s < samples; s++) {
                    Nd4j.randn(pass.eps, rng);
                    math.reparameterise(pass, true);
                    math.runDecoder(pass);
                    try (INDArray r = math.reconRows(pass)) {
                        NdArrays.copyRows(r, tmp, from);
                    }
                    for (int i = 0; i < n; i++) {
                        out[from + i] -= tmp[from + i] / samples;
                    }
                }
            });
            TrainingSession.closeQuietly(rng);
            return out;
        });
    }

    // --------------------------------------------------------------------------------------------- validation

    void checkInput(float[] x, int rows, int width, String what) {
        Objects.requireNonNull(x, what);
        if (rows < 0) {
            throw new IllegalArgumentException("Number of rows must not be negative");
        }
        if (x.length != (long) rows * width) {
            throw new IllegalArgumentException("Expected " + rows + " " + what + " rows of " + width + " values ("
                    + (long) rows * width + " in total) but got " + x.length + " values");
        }
    }

    void checkLabels(int[] labels, int rows) {
        int c = config.numClasses();
        if (c == 0) {
            if (labels != null) {
                throw new IllegalArgumentException("This VAE is not conditional; it takes no class labels");
            }
            return;
        }
        if (labels == null) {
            throw new IllegalArgumentException("This is a conditional VAE over " + c
                    + " classes: a class label is needed for every row");
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException("Expected " + rows + " labels but got " + labels.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException("Label " + labels[i] + " of row " + i + " is not a class index "
                        + "between 0 and " + (c - 1));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- internals

    interface ChunkJob {
        void run(Pass pass, int from, int n);
    }

    /** Runs a job over [0, rows) in chunks with two reused passes (full chunk and remainder). Engine thread. */
    void forChunks(int rows, ChunkJob job) {
        Pass full = null;
        Pass rest = null;
        try {
            for (int from = 0; from < rows; from += CHUNK_ROWS) {
                int n = Math.min(CHUNK_ROWS, rows - from);
                Pass p;
                if (n == CHUNK_ROWS) {
                    p = full == null ? (full = new Pass(this, n, false)) : full;
                } else {
                    p = rest = new Pass(this, n, false);
                }
                job.run(p, from, n);
            }
        } finally {
            if (full != null) {
                full.close();
            }
            if (rest != null) {
                rest.close();
            }
        }
    }

    /**
     * The seed of one use ({@code stream}: e.g. z sample, −ELBO, anomaly score) in one chunk of rows processed
     * together: independent and reproducible, so a table's results depend on its seed and row order only.
     */
    public static long chunkSeed(long seed, int chunk, int stream) {
        long h = seed * 0x9E3779B97F4A7C15L + chunk * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    /** A deterministic seed sequence helper for callers that need several independent streams. */
    static long derivedSeed(long seed, int stream) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (stream + 1))).nextLong();
    }
}
