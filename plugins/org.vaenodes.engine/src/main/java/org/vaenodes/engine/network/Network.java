package org.vaenodes.engine.network;

import java.nio.FloatBuffer;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaenodes.engine.spec.Dl4jCompatibility;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * The parameters of one VAE and the structures over them, for the code that computes with them: the flat parameter
 * vector in DL4J's layout ({@link VaeLayout}), a view per layer, the DL4J network over the same memory (where DL4J
 * can express it) and the ND4J passes ({@link Nd4jVaeMath}). Mutable, engine thread only, and internal to the engine:
 * a {@code org.vaenodes.engine.model.Vae} holds one privately and never hands it out; training works on one made
 * from a model's parameters and makes a new model of the result.
 */
public final class Network {

    /** Rows processed at once by inference and evaluation. */
    public static final int CHUNK_ROWS = 1024;

    /** Learning rate of the Adam updater recorded in the network's DL4J configuration; training uses its own. */
    public static final double DEFAULT_LEARNING_RATE = 1e-3;

    /**
     * ½ ln π: per value, the constant of the Gaussian negative log-likelihood with variance ½ (the rest is the
     * squared error).
     */
    public static final double HALF_LN_PI = 0.5 * Math.log(Math.PI);

    private final VaeConfig config;
    private final DataType dtype;
    private final Dense[] layers;
    private final int numEnc;
    private final long paramCount;
    /** Flat parameter vector [1, P]. */
    private final INDArray params;
    private final Dense.Views[] views;
    /** The DL4J network whose parameters are {@link #params}, or null for a network DL4J cannot express. */
    private final MultiLayerNetwork dl4j;
    private final Nd4jVaeMath math;

    private Network(VaeConfig config, DataType dtype) {
        this.config = Objects.requireNonNull(config, "config");
        this.dtype = dtype;
        numEnc = config.encoderHidden().length;
        layers = VaeLayout.of(config);
        paramCount = layers[layers.length - 1].end();
        params = Nd4j.create(dtype, 1, paramCount);
        views = bindAll(params);
        dl4j = Dl4jCompatibility.expressible(config) ? attachDl4j(config, params) : null;
        math = new Nd4jVaeMath(this);
    }

    /** A DL4J network over the given parameter vector (not copied: the network uses that memory). */
    private static MultiLayerNetwork attachDl4j(VaeConfig config, INDArray params) {
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

    /** A float32 network with PyTorch-style random initialisation from {@code seed}. Engine thread. */
    public static Network create(VaeConfig config, long seed) {
        Network n = new Network(config, DataType.FLOAT);
        n.initialise(seed);
        return n;
    }

    /** A float32 network with the given parameters (checked: count and finiteness). Engine thread. */
    public static Network fromParameters(VaeConfig config, float[] parameters) {
        Network n = new Network(config, DataType.FLOAT);
        n.setParameters(parameters);
        return n;
    }

    /** A double-precision network (finite-difference gradient checks). Engine thread. */
    public static Network createDouble(VaeConfig config, long seed) {
        Network n = new Network(config, DataType.DOUBLE);
        n.initialise(seed);
        return n;
    }

    /**
     * Weights and biases as PyTorch's {@code nn.Linear} initialises them: U(−1/√fan_in, 1/√fan_in), drawn in layer
     * order from one {@code java.util.Random(seed)}.
     */
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

    private void setParameters(float[] values) {
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

    public VaeConfig config() {
        return config;
    }

    public DataType dtype() {
        return dtype;
    }

    /** The layers in parameter order: encoder hidden, μ, log σ², decoder hidden, output. */
    public Dense[] layers() {
        return layers;
    }

    /** Number of encoder hidden layers. */
    public int encoderLayers() {
        return numEnc;
    }

    public long paramCount() {
        return paramCount;
    }

    /** The flat parameter vector [1, P] (the DL4J network's own memory where there is one). */
    public INDArray params() {
        return params;
    }

    /** Weight and bias views of {@link #params()}, one per layer. */
    public Dense.Views[] views() {
        return views;
    }

    /** The DL4J network over {@link #params()}, or null if DL4J cannot express this network. */
    public MultiLayerNetwork dl4j() {
        return dl4j;
    }

    /** The forward and backward passes on these parameters with ND4J operations. */
    public Nd4jVaeMath math() {
        return math;
    }

    /** A copy of all parameters. */
    public float[] parameters() {
        return params.data().asFloat();
    }

    /** Weight and bias views of each layer over a vector laid out like the parameters (e.g. a gradient). */
    public Dense.Views[] bindAll(INDArray flat) {
        Dense.Views[] v = new Dense.Views[layers.length];
        for (int i = 0; i < layers.length; i++) {
            v[i] = layers[i].bind(flat);
        }
        return v;
    }

    public int muLayer() {
        return numEnc;
    }

    public int lvLayer() {
        return numEnc + 1;
    }

    public int firstDecLayer() {
        return numEnc + 2;
    }

    public int outLayer() {
        return layers.length - 1;
    }

    // --------------------------------------------------------------------------------------------- validation

    /** Checks that {@code x} holds {@code rows} rows of {@code width} values. */
    public void checkInput(float[] x, int rows, int width, String what) {
        Objects.requireNonNull(x, what);
        if (rows < 0) {
            throw new IllegalArgumentException("Number of rows must not be negative");
        }
        if (x.length != (long) rows * width) {
            throw new IllegalArgumentException("Expected " + rows + " " + what + " rows of " + width + " values ("
                    + (long) rows * width + " in total) but got " + x.length + " values");
        }
    }

    /** Checks that labels are given exactly when the network is conditional, one class index per row. */
    public void checkLabels(int[] labels, int rows) {
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

    // ---------------------------------------------------------------------------------------------- chunks

    /** Work on one chunk of rows [from, from + n) held by a pass. */
    public interface ChunkJob {
        void run(Pass pass, int from, int n);
    }

    /** Runs a job over [0, rows) in chunks with two reused passes (full chunk and remainder). Engine thread. */
    public void forChunks(int rows, ChunkJob job) {
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

    /** A deterministic seed for one of several independent streams derived from {@code seed}. */
    public static long derivedSeed(long seed, int stream) {
        return new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (stream + 1))).nextLong();
    }

    /** Closes native memory (e.g. a random generator) on a best-effort basis. */
    public static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // native memory of a random generator: best effort
        }
    }
}
