package org.vaenodes.engine.model;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training steps of a float32 {@link Vae} on ND4J's CPU backend without ND4J operations: matrix products go straight
 * to OpenBLAS ({@link OpenBlasGemm}), everything else is fused Java loops ({@link CpuKernels}, {@link CpuAdam}) on the
 * calling thread, working in place on the network's parameter memory. Same model, objective, initialisation and
 * optimizer as {@link Nd4jTrainingSteps}; the noise comes from a seeded {@link SplittableRandom} instead of ND4J's
 * generator, so runs are reproducible but not bit-identical across the two paths.
 *
 * <p>Why: per batch, ND4J's element-wise operations and fused Adam wake its OpenMP pool, whose threads then fight
 * OpenBLAS's spinning worker for the cores; inside KNIME's JVM the user cannot set {@code OMP_WAIT_POLICY} to stop
 * that. This path never enters OpenMP and owns its threads: the batch is split by rows over {@link CpuLanes}, each
 * lane runs the whole forward and backward pass of its rows with single-threaded OpenBLAS into its own gradient
 * buffer, and the Adam step then sums the lanes' gradients over disjoint parameter ranges. Two synchronisation
 * points per step, no thread ever waits on another's spinning. The split is fixed by the batch size, so results do
 * not depend on thread timing.
 */
final class CpuTrainingSteps implements TrainingSteps {

    /** System property: "nd4j" forces the ND4J path (for comparisons); anything else lets {@link #supports} decide. */
    static final String KERNELS_PROPERTY = "vaenodes.engine.kernels";

    private final Vae vae;
    private final VaeConfig config;
    private final float[] data;
    private final int[] labels;
    private final boolean binarize;
    /** System property: number of lanes (threads) for the CPU path; default one per core, at most 8. */
    static final String LANES_PROPERTY = "vaenodes.engine.lanes";

    /** Fewest rows worth a lane of their own (below this a product's fixed cost outweighs the split). */
    private static final int MIN_LANE_ROWS = 32;
    /** Most memory spent on the lanes' gradient buffers together. */
    private static final long MAX_LANE_GRADIENT_BYTES = 512L << 20;

    private final CpuMatrix params;
    private final CpuLayer[] weights;
    private final CpuLanes lanes;
    private final CpuMatrix[] laneGrads;
    private final CpuLayer[][] laneGradLayers;
    private final int blasThreadsBefore;
    private final CpuAdam adam;
    private final SplittableRandom noise;
    private final long evalSeed;
    private SplittableRandom evalNoise;
    private final Map<Integer, CpuPass[]> passes = new HashMap<>();
    private final double[] sums = new double[3];
    private float[] best;

    CpuTrainingSteps(Vae vae, float[] data, int[] labels, double learningRate, long seed, boolean binarize) {
        if (!supports(vae)) {
            throw new IllegalArgumentException("The CPU training path needs a float32 network on ND4J's CPU backend");
        }
        this.vae = vae;
        this.config = vae.config();
        this.data = data;
        this.labels = labels;
        this.binarize = binarize;
        int p = Math.toIntExact(vae.paramCount);
        FloatBuffer flat = vae.params.data().asNioFloat();
        params = CpuMatrix.window(flat, vae.params.data().addressPointer(), 0, 1, p);
        weights = layersOf(params);
        int n = laneCount(p);
        laneGrads = new CpuMatrix[n];
        laneGradLayers = new CpuLayer[n][];
        for (int i = 0; i < n; i++) {
            laneGrads[i] = CpuMatrix.allocate(1, p);
            laneGradLayers[i] = layersOf(laneGrads[i]);
        }
        adam = new CpuAdam(learningRate, p, n);
        lanes = new CpuLanes(n);
        // each lane multiplies on its own thread; OpenBLAS's own workers would only compete with them
        blasThreadsBefore = openblas_nolapack.blas_get_num_threads();
        if (n > 1) {
            openblas_nolapack.blas_set_num_threads(1);
        }
        noise = new SplittableRandom(Vae.derivedSeed(seed, 1));
        evalSeed = Vae.derivedSeed(seed, 2);
        evalNoise = new SplittableRandom(evalSeed);
    }

    /** True for a float32 network on ND4J's CPU backend, unless -Dvaenodes.engine.kernels=nd4j. */
    static boolean supports(Vae vae) {
        return vae.dtype == DataType.FLOAT && !"nd4j".equalsIgnoreCase(System.getProperty(KERNELS_PROPERTY))
                && Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu")
                && vae.paramCount <= Integer.MAX_VALUE;
    }

    /**
     * One lane per core, at most 8 (or -Dvaenodes.engine.lanes=N), and only as many as the gradient memory budget
     * allows.
     */
    static int laneCount(int parameterCount) {
        int cores = Math.min(8, Integer.getInteger(LANES_PROPERTY, Runtime.getRuntime().availableProcessors()));
        long byMemory = MAX_LANE_GRADIENT_BYTES / ((long) parameterCount * Float.BYTES);
        return (int) Math.max(1, Math.min(cores, byMemory));
    }

    private CpuLayer[] layersOf(CpuMatrix flat) {
        CpuLayer[] out = new CpuLayer[vae.layers.length];
        for (int k = 0; k < out.length; k++) {
            Dense d = vae.layers[k];
            CpuMatrix wx = CpuMatrix.window(flat.buf, flat.ptr, d.offset, d.inX, d.out);
            CpuMatrix wy = d.classes == 0 ? null
                    : CpuMatrix.window(flat.buf, flat.ptr, d.offset + (long) d.inX * d.out, d.classes, d.out);
            CpuMatrix b = CpuMatrix.window(flat.buf, flat.ptr, d.offset + (long) (d.inX + d.classes) * d.out, 1,
                    d.out);
            out[k] = new CpuLayer(wx, wy, b);
        }
        return out;
    }

    /** The lanes' passes for a batch of {@code rows}: as many lanes as have at least MIN_LANE_ROWS rows each. */
    private CpuPass[] passes(int rows, boolean training) {
        int key = training ? rows : -rows;
        return passes.computeIfAbsent(key, k -> {
            int n = (int) Math.max(1, Math.min(lanes.lanes(), rows / MIN_LANE_ROWS));
            CpuPass[] ps = new CpuPass[n];
            for (int i = 0; i < n; i++) {
                ps[i] = new CpuPass(vae, (int) ((long) rows * (i + 1) / n - (long) rows * i / n), training);
            }
            return ps;
        });
    }

    @Override
    public double[] trainBatch(int[] order, int from, int to) {
        CpuPass[] ps = passes(to - from, true);
        load(ps, order, from, noise);
        lanes.run(lane -> {
            if (lane < ps.length) {
                forward(ps[lane], true);
                backward(ps[lane], laneGradLayers[lane]);
            }
        });
        adam.beginStep();
        int p = params.cols;
        int n = lanes.lanes();
        lanes.run(lane -> adam.update(lane, params, laneGrads, ps.length, (int) ((long) p * lane / n),
                (int) ((long) p * (lane + 1) / n)));
        return sums(ps);
    }

    @Override
    public double[] evaluate(int[] order, int from, int to) {
        double o = 0;
        double r = 0;
        double k = 0;
        for (int start = from; start < to; start += Vae.CHUNK_ROWS) {
            int n = Math.min(Vae.CHUNK_ROWS, to - start);
            CpuPass[] ps = passes(n, false);
            load(ps, order, start, evalNoise);
            lanes.run(lane -> {
                if (lane < ps.length) {
                    forward(ps[lane], true);
                }
            });
            double[] s = sums(ps);
            o += s[0];
            r += s[1];
            k += s[2];
        }
        sums[0] = o;
        sums[1] = r;
        sums[2] = k;
        return sums;
    }

    @Override
    public void resetEvaluationNoise() {
        evalNoise = new SplittableRandom(evalSeed);
    }

    // The checks between epochs stay in Java too: one ND4J operation would wake OpenMP's pool, whose threads then
    // spin (OMP_WAIT_POLICY cannot be set inside KNIME) and slow down the start of the next epoch.

    @Override
    public boolean parametersFinite() {
        FloatBuffer p = params.buf;
        int n = params.cols;
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(p.get(params.offset + i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void rememberBest() {
        if (best == null) {
            best = new float[params.cols];
        }
        params.copyTo(best, 0);
    }

    @Override
    public boolean restoreBest() {
        if (best == null) {
            return false;
        }
        params.copyFrom(best, 0);
        return true;
    }

    /**
     * Gathers rows order[from …] (data and one-hot labels) into the lanes' passes in turn, draws ε ~ N(0, I) and
     * binarizes if asked, all in row order from one generator (the same numbers whatever the lane count).
     */
    private void load(CpuPass[] ps, int[] order, int from, SplittableRandom rnd) {
        int start = from;
        for (CpuPass p : ps) {
            load(p, order, start, rnd);
            start += p.rows;
        }
    }

    private void load(CpuPass p, int[] order, int from, SplittableRandom rnd) {
        int d = config.inputSize();
        for (int r = 0; r < p.rows; r++) {
            p.x.buf.put(p.x.offset + r * d, data, order[from + r] * d, d);
        }
        if (p.y != null) {
            int c = config.numClasses();
            for (int r = 0; r < p.rows; r++) {
                for (int j = 0; j < c; j++) {
                    p.y.buf.put(p.y.offset + r * c + j, j == labels[order[from + r]] ? 1f : 0f);
                }
            }
        }
        int n = p.eps.size();
        for (int i = 0; i < n; i++) {
            p.eps.buf.put(p.eps.offset + i, (float) rnd.nextGaussian());
        }
        if (binarize && p.delta != null) {
            binarise(p.x, rnd);
        }
    }

    /** x ← 1 if u &lt; x else 0, u ~ U[0, 1): stochastic binarization. */
    private static void binarise(CpuMatrix x, SplittableRandom rnd) {
        int n = x.size();
        for (int i = 0; i < n; i++) {
            x.buf.put(x.offset + i, rnd.nextFloat() < x.buf.get(x.offset + i) ? 1f : 0f);
        }
    }

    private double[] sums(CpuPass[] ps) {
        double recon = 0;
        double kl = 0;
        for (CpuPass p : ps) {
            for (int r = 0; r < p.rows; r++) {
                recon += p.rowLoss[r];
                kl += p.rowKl[r];
            }
        }
        sums[0] = recon + config.beta() * kl;
        sums[1] = recon;
        sums[2] = kl;
        return sums;
    }

    /** Encoder, z, decoder and the per-row losses; in training also the output delta. */
    void forward(CpuPass p, boolean sample) {
        CpuMatrix in = p.x;
        for (int k = 0; k < vae.numEnc; k++) {
            dense(k, in, p, config.activation());
            in = p.act[k];
        }
        dense(vae.muLayer(), in, p, null);
        dense(vae.lvLayer(), in, p, null);
        CpuKernels.reparameterise(p.act[vae.muLayer()], p.act[vae.lvLayer()], p.eps, sample, p.std, p.z, p.rowKl);
        in = p.z;
        for (int k = vae.firstDecLayer(); k < vae.outLayer(); k++) {
            dense(k, in, p, config.activation());
            in = p.act[k];
        }
        int out = vae.outLayer();
        product(out, in, p);
        CpuMatrix delta = p.delta == null ? null : p.delta[out];
        if (config.likelihood() == Likelihood.BERNOULLI) {
            CpuKernels.bernoulliOutput(p.act[out], weights[out].b(), p.x, p.rowLoss, delta);
        } else {
            CpuKernels.gaussianOutput(p.act[out], weights[out].b(), p.x, p.rowLoss, delta);
        }
    }

    private void dense(int k, CpuMatrix in, CpuPass p, Activation act) {
        product(k, in, p);
        CpuKernels.addBiasAndActivate(p.act[k], weights[k].b(), act);
    }

    /** act[k] = in·Wx (+ y·Wy), without bias. */
    private void product(int k, CpuMatrix in, CpuPass p) {
        OpenBlasGemm.gemm(in, false, weights[k].wx(), false, p.act[k], 0f);
        if (weights[k].wy() != null) {
            OpenBlasGemm.gemm(p.y, false, weights[k].wy(), false, p.act[k], 1f);
        }
    }

    /**
     * Gradient of Σ_rows (recon + β·KL) over the pass's rows into the flat vector of {@code gradients}, every entry
     * overwritten; after a training forward.
     */
    void backward(CpuPass p, CpuLayer[] gradients) {
        Activation act = config.activation();
        int out = vae.outLayer();
        int firstDec = vae.firstDecLayer();
        for (int k = out; k >= firstDec; k--) {
            CpuMatrix in = k == firstDec ? p.z : p.act[k - 1];
            layerGradients(k, in, p, gradients);
            CpuMatrix below = k == firstDec ? p.dz : p.delta[k - 1];
            OpenBlasGemm.gemm(p.delta[k], false, weights[k].wx(), true, below, 0f);
            if (k > firstDec) {
                CpuKernels.multiplyByDerivative(below, p.act[k - 1], act);
            }
        }
        int mu = vae.muLayer();
        int lv = vae.lvLayer();
        CpuKernels.latentGradients(p.dz, p.act[mu], p.eps, p.std, config.beta(), p.delta[mu], p.delta[lv]);
        CpuMatrix encOut = vae.numEnc == 0 ? p.x : p.act[vae.numEnc - 1];
        layerGradients(mu, encOut, p, gradients);
        layerGradients(lv, encOut, p, gradients);
        if (vae.numEnc == 0) {
            return;
        }
        int top = vae.numEnc - 1;
        OpenBlasGemm.gemm(p.delta[mu], false, weights[mu].wx(), true, p.delta[top], 0f);
        OpenBlasGemm.gemm(p.delta[lv], false, weights[lv].wx(), true, p.delta[top], 1f);
        CpuKernels.multiplyByDerivative(p.delta[top], p.act[top], act);
        for (int k = top; k >= 0; k--) {
            layerGradients(k, k == 0 ? p.x : p.act[k - 1], p, gradients);
            if (k > 0) {
                OpenBlasGemm.gemm(p.delta[k], false, weights[k].wx(), true, p.delta[k - 1], 0f);
                CpuKernels.multiplyByDerivative(p.delta[k - 1], p.act[k - 1], act);
            }
        }
    }

    private static void layerGradients(int k, CpuMatrix in, CpuPass p, CpuLayer[] gradients) {
        CpuMatrix d = p.delta[k];
        OpenBlasGemm.gemm(in, true, d, false, gradients[k].wx(), 0f);
        if (gradients[k].wy() != null) {
            OpenBlasGemm.gemm(p.y, true, d, false, gradients[k].wy(), 0f);
        }
        CpuKernels.columnSums(d, gradients[k].b());
    }

    /** For tests: a lane's gradient buffer and its layer views. */
    CpuMatrix laneGradient(int lane) {
        return laneGrads[lane];
    }

    CpuLayer[] laneGradientLayers(int lane) {
        return laneGradLayers[lane];
    }

    /** For tests: the number of lanes. */
    int lanes() {
        return lanes.lanes();
    }

    @Override
    public void close() {
        lanes.close();
        if (lanes.lanes() > 1) {
            openblas_nolapack.blas_set_num_threads(blasThreadsBefore);
        }
        // all other memory is garbage-collected direct buffers or the network's own parameters
        passes.clear();
    }

    /** Weights, label weights (null unless conditional) and bias of one layer inside a flat vector. */
    record CpuLayer(CpuMatrix wx, CpuMatrix wy, CpuMatrix b) {
    }
}
