package org.vaenodes.engine.model;

import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaenodes.engine.concurrent.EngineThread;
import org.vaenodes.engine.network.NdArrays;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * A trained (or freshly initialised) variational autoencoder (Kingma &amp; Welling), with optional class conditioning
 * and a KL weight β: a Deeplearning4j network wherever DL4J can express it, and what callers do with it — encode,
 * sample, decode, score. Immutable: no method changes its parameters; training ({@code org.vaenodes.engine.train})
 * works on a copy and makes a new model.
 *
 * <p>Network: encoder MLP → two linear heads μ and log σ² → z = μ + exp(½ log σ²)·ε → decoder MLP → linear output
 * (logits for Bernoulli, means for Gaussian). A conditional VAE appends the one-hot label to the encoder input and
 * to z. All parameters live in one flat vector in DL4J's layout ({@link Network}). When DL4J's layer can express the
 * network ({@link org.vaenodes.engine.spec.Dl4jCompatibility}), that vector <em>is</em> the parameter vector of a DL4J
 * {@code MultiLayerNetwork} with one {@code VariationalAutoencoder} layer. Weights and biases are initialised like
 * PyTorch's {@code nn.Linear}: U(−1/√fan_in, 1/√fan_in).
 *
 * <p>Every public method takes and returns plain Java arrays, runs its ND4J work on the {@link EngineThread} and
 * processes large inputs in chunks of {@value #CHUNK_ROWS} rows. Instances are safe to share between threads: all
 * access to the parameters is serialised on the engine thread.
 */
public final class Vae {

    /** Rows processed at once by the inference methods. */
    public static final int CHUNK_ROWS = Network.CHUNK_ROWS;

    /** The parameters and passes; private to this model, which never changes them. */
    private final Network net;

    private Vae(Network net) {
        this.net = net;
    }

    /** True if this network is a DL4J {@code MultiLayerNetwork} (see {@link Dl4jCompatibility#whyNot}). */
    public boolean isDl4jNetwork() {
        return net.dl4j() != null;
    }

    /** A new network with PyTorch-style random initialisation from {@code seed}. */
    public static Vae create(VaeConfig config, long seed) {
        return EngineThread.supply(() -> new Vae(Network.create(config, seed)));
    }

    /** A network with the given parameters (as returned by {@link #parameters()}). */
    public static Vae fromParameters(VaeConfig config, float[] parameters) {
        return EngineThread.supply(() -> new Vae(Network.fromParameters(config, parameters)));
    }

    /** The configuration this network was built from. */
    public VaeConfig config() {
        return net.config();
    }

    /** A copy of all parameters in the network's internal layout (for persistence). */
    public float[] parameters() {
        return EngineThread.supply(net::parameters);
    }

    // ------------------------------------------------------------------------------------------------ public API

    /** Encodes {@code rows} inputs (row-major rows × D) to μ and log σ². Labels are required iff conditional. */
    public Encoding encode(float[] x, int rows, int[] labelsOrNull) {
        net.checkInput(x, rows, net.config().inputSize(), "input");
        net.checkLabels(labelsOrNull, rows);
        int l = net.config().latentSize();
        return EngineThread.supply(() -> {
            float[] mu = new float[rows * l];
            float[] lv = new float[rows * l];
            net.forChunks(rows, (pass, from, n) -> {
                pass.loadX(x, from, n);
                pass.loadLabels(labelsOrNull, from, n);
                net.math().runEncoder(pass);
                NdArrays.readRows(pass.act[net.muLayer()], mu, from * l, n * l);
                NdArrays.readRows(pass.act[net.lvLayer()], lv, from * l, n * l);
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
        net.checkInput(z, rows, net.config().latentSize(), "latent");
        net.checkLabels(labelsOrNull, rows);
        int d = net.config().inputSize();
        int l = net.config().latentSize();
        return EngineThread.supply(() -> {
            float[] out = new float[Math.multiplyExact(rows, d)];
            net.forChunks(rows, (pass, from, n) -> {
                pass.loadLabels(labelsOrNull, from, n);
                NdArrays.writeRows(pass.z, 0, z, from * l, n * l);
                net.math().runDecoder(pass);
                net.math().toMeans(pass.act[net.outLayer()]);
                NdArrays.readRows(pass.act[net.outLayer()], out, (long) from * d, n * d);
            });
            return out;
        });
    }

    /** Draws n samples z ~ N(0, I) (seeded) and decodes them; labels (length n) iff conditional. */
    public float[] samplePrior(int n, long seed, int[] labelsOrNull) {
        return decode(new PriorDraws(seed, net.config().latentSize()).next(n), n, labelsOrNull);
    }

    /** Reconstructs inputs through the posterior mean: decode(μ(x)). */
    public float[] reconstruct(float[] x, int rows, int[] labelsOrNull) {
        Encoding e = encode(x, rows, labelsOrNull);
        return decode(e.mu(), rows, labelsOrNull);
    }

    /** Per-row −ELBO, reconstruction and KL terms with one seeded sample z per row. */
    public RowScores evaluate(float[] x, int rows, int[] labelsOrNull, long seed) {
        net.checkInput(x, rows, net.config().inputSize(), "input");
        net.checkLabels(labelsOrNull, rows);
        return EngineThread.supply(() -> {
            double[] recon = new double[rows];
            double[] kl = new double[rows];
            org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
            try {
                net.forChunks(rows, (pass, from, n) -> {
                    pass.loadX(x, from, n);
                    pass.loadLabels(labelsOrNull, from, n);
                    Nd4j.randn(pass.eps, rng);
                    net.math().forward(pass, true);
                    try (INDArray r = net.math().reconRows(pass); INDArray k = net.math().klRows(pass)) {
                        NdArrays.copyRows(r, recon, from);
                        NdArrays.copyRows(k, kl, from);
                    }
                });
            } finally {
                Network.closeQuietly(rng);
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
        net.checkInput(x, rows, net.config().inputSize(), "input");
        net.checkLabels(labelsOrNull, rows);
        if (samples < 1 || samples > 10_000) {
            throw new IllegalArgumentException("Number of samples must be between 1 and 10000, not " + samples);
        }
        return EngineThread.supply(() -> {
            double[] out = new double[rows];
            org.nd4j.linalg.api.rng.Random rng = Nd4j.getRandomFactory().getNewRandomInstance(seed);
            double[] tmp = new double[rows];
            net.forChunks(rows, (pass, from, n) -> {
                pass.loadX(x, from, n);
                pass.loadLabels(labelsOrNull, from, n);
                net.math().runEncoder(pass);
                for (int s = 0; s < samples; s++) {
                    Nd4j.randn(pass.eps, rng);
                    net.math().reparameterise(pass, true);
                    net.math().runDecoder(pass);
                    try (INDArray r = net.math().reconRows(pass)) {
                        NdArrays.copyRows(r, tmp, from);
                    }
                    for (int i = 0; i < n; i++) {
                        out[from + i] -= tmp[from + i] / samples;
                    }
                }
            });
            Network.closeQuietly(rng);
            return out;
        });
    }

    /**
     * The seed of one use ({@code stream}: e.g. z sample, −ELBO, anomaly score) in one chunk of rows processed
     * together: independent and reproducible, so a table's results depend on its seed and row order only.
     */
    public static long chunkSeed(long seed, int chunk, int stream) {
        long h = seed * 0x9E3779B97F4A7C15L + chunk * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
