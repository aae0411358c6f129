package org.vaenodes.engine.model;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.vaenodes.engine.concurrent.EngineWorkers;

/**
 * Training steps of a float32 {@link Vae} on ND4J's CPU backend without ND4J operations: matrix products go straight
 * to OpenBLAS ({@link OpenBlasGemm}), everything else is fused Java loops ({@link CpuKernels}, {@link CpuAdam}),
 * working in place on the network's parameter memory. Same model, objective, initialisation and
 * optimizer as {@link Nd4jTrainingSteps}; the noise comes from a seeded {@link SplittableRandom} instead of ND4J's
 * generator, so runs are reproducible but not bit-identical across the two paths.
 *
 * <p>Why: per batch, ND4J's element-wise operations and fused Adam wake its OpenMP pool, whose threads then fight
 * OpenBLAS's spinning worker for the cores; inside KNIME's JVM the user cannot set {@code OMP_WAIT_POLICY} to stop
 * that. This path never enters OpenMP and owns its threads ({@link CpuLanes}, OpenBLAS single-threaded), with two
 * hand-overs per step: first the batch is split by rows and each lane gathers its rows and runs the forward pass
 * and the backward deltas of them; then each layer's weight gradient is split by weight rows — a contiguous range
 * of the parameter vector — and each lane multiplies its range over the whole batch and applies Adam to it at once, while the
 * gradient is still in cache. The split is fixed by the batch size and the lane count, and no value is ever summed
 * across lanes, so results do not depend on thread timing (nor, in practice, on the number of lanes).
 */
final class CpuTrainingSteps implements TrainingSteps {

    /** System property: "nd4j" forces the ND4J path (for comparisons); anything else lets {@link #supports} decide. */
    static final String KERNELS_PROPERTY = "vaenodes.engine.kernels";


    /** Fewest rows worth a lane of their own (below this a product's fixed cost outweighs the split). */
    private static final int MIN_LANE_ROWS = 32;

    private final Vae vae;
    private final VaeConfig config;
    private final float[] data;
    private final int[] labels;
    private final boolean binarize;
    private final CpuMatrix params;
    private final CpuLayer[] weights;
    private final CpuLanes lanes;
    /** Per lane: where its share of a layer's gradient lands before Adam consumes it (small enough for the cache). */
    private final CpuMatrix[] laneGradient;
    private final int blasThreadsBefore;
    private final CpuAdam adam;
    private final SplittableRandom noise;
    private final long evalSeed;
    private SplittableRandom evalNoise;
    private final Map<Integer, Batch> batches = new HashMap<>();
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
        int n = laneCount();
        laneGradient = new CpuMatrix[n];
        for (int i = 0; i < n; i++) {
            laneGradient[i] = CpuMatrix.allocate(1, largestShare(n));
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
                && onCpuBackend() && vae.paramCount <= Integer.MAX_VALUE;
    }

    /** True when ND4J runs on its CPU backend. */
    static boolean onCpuBackend() {
        return Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu");
    }

    /** The most gradient values one lane computes for one layer's weights or bias, with {@code lanes} lanes. */
    private int largestShare(int lanes) {
        int most = 1;
        for (Dense d : vae.layers) {
            most = Math.max(most, (d.out + lanes - 1) / lanes * Math.max(d.fanIn(), 1));
        }
        return most;
    }

    /** One lane per core, at most 8 (or -Dvaenodes.engine.lanes=N). */
    /** Lanes (threads) of the CPU path: the engine's thread count (-Dvaenodes.engine.lanes, else one per core, ≤ 8). */
    static int laneCount() {
        return EngineWorkers.threadCount();
    }

    private CpuLayer[] layersOf(CpuMatrix flat) {
        CpuLayer[] out = new CpuLayer[vae.layers.length];
        for (int k = 0; k < out.length; k++) {
            Dense d = vae.layers[k];
            CpuMatrix w = CpuMatrix.window(flat.buf, flat.ptr, d.offset, d.out, d.fanIn());
            out[k] = new CpuLayer(w, w.colBlock(0, d.inX), d.classes == 0 ? null : w.colBlock(d.inX, d.classes),
                    CpuMatrix.window(flat.buf, flat.ptr, d.biasOffset(), 1, d.out));
        }
        return out;
    }

    /** A pass over a whole batch and its row slices, one per lane (each with at least MIN_LANE_ROWS rows). */
    private record Batch(CpuPass whole, CpuPass[] slices, int[] starts) {
    }

    private Batch batch(int rows, boolean training) {
        return batches.computeIfAbsent(training ? rows : -rows, k -> {
            CpuPass whole = new CpuPass(vae, rows, training);
            int n = (int) Math.max(1, Math.min(lanes.lanes(), rows / MIN_LANE_ROWS));
            CpuPass[] slices = new CpuPass[n];
            int[] starts = new int[n];
            for (int i = 0; i < n; i++) {
                starts[i] = part(rows, i, n);
                slices[i] = whole.slice(starts[i], part(rows, i + 1, n) - starts[i]);
            }
            return new Batch(whole, slices, starts);
        });
    }

    /** Start of part i of [0, size) cut into n nearly equal parts. */
    private static int part(int size, int i, int n) {
        return (int) ((long) size * i / n);
    }

    @Override
    public double[] trainBatch(int[] order, int from, int to) {
        return trainBatch(order, from, to, null);
    }

    /**
     * One training step; for tests, {@code replayedEps} (rows × latent, or null to draw it) is the noise ε of the
     * reparameterisation, so a step can be compared with DL4J's on the same noise.
     */
    double[] trainBatch(int[] order, int from, int to, float[] replayedEps) {
        Batch b = batch(to - from, true);
        CpuPass[] slices = b.slices();
        // the lanes gather their own rows, except with binarization, whose noise is drawn per value of x in row order
        if (binarize) {
            gather(b.whole(), order, from);
        }
        drawNoise(b.whole(), noise);
        if (replayedEps != null) {
            b.whole().eps.copyFrom(replayedEps, 0);
        }
        lanes.run(lane -> {
            if (lane < slices.length) {
                if (!binarize) {
                    gather(slices[lane], order, from + b.starts()[lane]);
                }
                forward(slices[lane], true);
                backwardDeltas(slices[lane]);
            }
        });
        adam.beginStep();
        lanes.run(lane -> weightGradients(b.whole(), lane, lanes.lanes(), null));
        return sums(slices);
    }

    @Override
    public double[] evaluateChunk(int[] order, int from, int rows) {
        Batch b = batch(rows, false);
        drawNoise(b.whole(), evalNoise);
        CpuPass[] slices = b.slices();
        lanes.run(lane -> {
            if (lane < slices.length) {
                gather(slices[lane], order, from + b.starts()[lane]);
                forward(slices[lane], true);
            }
        });
        return sums(slices);
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

    /** Gathers the rows order[from …] into the pass: data and one-hot labels. */
    private void gather(CpuPass p, int[] order, int from) {
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
    }

    /**
     * Draws ε ~ N(0, I) for the whole pass and, in training with binarization, binarizes its (already gathered) x —
     * in row order from one generator, so the numbers do not depend on the lane count.
     */
    private void drawNoise(CpuPass p, SplittableRandom rnd) {
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
        OpenBlasGemm.gemm(in, false, weights[k].wxT(), true, p.act[k], 0f);
        if (weights[k].wyT() != null) {
            OpenBlasGemm.gemm(p.y, false, weights[k].wyT(), true, p.act[k], 1f);
        }
    }

    /**
     * Backward pass for the pass's rows: ∂(Σ_rows recon + β·KL)/∂(pre-activation) of every layer into
     * {@code p.delta} (and ∂recon/∂z into {@code p.dz}); after a training forward. Reads the weights, writes no
     * gradient.
     */
    void backwardDeltas(CpuPass p) {
        Activation act = config.activation();
        int out = vae.outLayer();
        int firstDec = vae.firstDecLayer();
        for (int k = out; k >= firstDec; k--) {
            CpuMatrix below = k == firstDec ? p.dz : p.delta[k - 1];
            OpenBlasGemm.gemm(p.delta[k], false, weights[k].wxT(), false, below, 0f);
            if (k > firstDec) {
                CpuKernels.multiplyByDerivative(below, p.act[k - 1], act);
            }
        }
        int mu = vae.muLayer();
        int lv = vae.lvLayer();
        CpuKernels.latentGradients(p.dz, p.act[mu], p.eps, p.std, config.beta(), p.delta[mu], p.delta[lv]);
        if (vae.numEnc == 0) {
            return;
        }
        int top = vae.numEnc - 1;
        OpenBlasGemm.gemm(p.delta[mu], false, weights[mu].wxT(), false, p.delta[top], 0f);
        OpenBlasGemm.gemm(p.delta[lv], false, weights[lv].wxT(), false, p.delta[top], 1f);
        CpuKernels.multiplyByDerivative(p.delta[top], p.act[top], act);
        for (int k = top; k > 0; k--) {
            OpenBlasGemm.gemm(p.delta[k], false, weights[k].wxT(), false, p.delta[k - 1], 0f);
            CpuKernels.multiplyByDerivative(p.delta[k - 1], p.act[k - 1], act);
        }
    }

    /**
     * This lane's share of every layer's weight gradient over the whole batch (after {@link #backwardDeltas} of all its
     * rows): the incoming weights of output units [r0, r1) = δ[:, r0:r1]ᵀ·[in | y], and columns [c0, c1) of the bias
     * = column sums of δ — each a contiguous range of the parameter vector (DL4J's column-major weights keep a unit's
     * incoming weights together). With {@code into == null} each share goes to the lane's small gradient buffer and
     * Adam applies it at once, while it is in cache; otherwise the shares are written into the flat gradient vector
     * {@code into} and nothing is updated.
     */
    void weightGradients(CpuPass whole, int lane, int lanes, CpuLayer[] into) {
        for (int k = 0; k < weights.length; k++) {
            Dense d = vae.layers[k];
            CpuMatrix delta = whole.delta[k];
            int r0 = part(d.out, lane, lanes);
            int r1 = part(d.out, lane + 1, lanes);
            if (r1 > r0) {
                CpuMatrix g = into == null ? laneGradient[lane].front(r1 - r0, d.fanIn())
                        : into[k].w().rowBlock(r0, r1 - r0);
                CpuMatrix units = delta.colBlock(r0, r1 - r0);
                OpenBlasGemm.gemm(units, true, inputOf(k, whole), false, g.colBlock(0, d.inX), 0f);
                if (d.classes > 0) {
                    OpenBlasGemm.gemm(units, true, whole.y, false, g.colBlock(d.inX, d.classes), 0f);
                }
                apply(into, lane, d.offset + (long) r0 * d.fanIn(), g);
            }
            int b0 = part(d.out, lane, lanes);
            int b1 = part(d.out, lane + 1, lanes);
            if (b1 > b0) {
                CpuMatrix g = into == null ? laneGradient[lane].front(1, b1 - b0) : into[k].b().colBlock(b0, b1 - b0);
                CpuKernels.columnSums(delta.colBlock(b0, b1 - b0), g);
                apply(into, lane, d.biasOffset() + b0, g);
            }
        }
    }

    /** Adam on the parameters [from, from + size of g) with gradient g, unless the gradient is only collected. */
    private void apply(CpuLayer[] into, int lane, long from, CpuMatrix g) {
        if (into == null) {
            adam.update(lane, params, (int) from, (int) (from + g.size()), g);
        }
    }

    /** The input of layer k in a pass. */
    private CpuMatrix inputOf(int k, CpuPass p) {
        if (k < vae.numEnc) {
            return k == 0 ? p.x : p.act[k - 1];
        }
        if (k == vae.muLayer() || k == vae.lvLayer()) {
            return vae.numEnc == 0 ? p.x : p.act[vae.numEnc - 1];
        }
        return k == vae.firstDecLayer() ? p.z : p.act[k - 1];
    }

    /** For tests: the full flat gradient of the pass's rows (after a training forward), without updating. */
    CpuMatrix gradient(CpuPass p) {
        CpuMatrix grad = CpuMatrix.allocate(1, params.cols);
        CpuLayer[] layers = layersOf(grad);
        backwardDeltas(p);
        int n = lanes.lanes();
        for (int lane = 0; lane < n; lane++) {
            weightGradients(p, lane, n, layers);
        }
        return grad;
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
        batches.clear();
    }

    /**
     * One layer inside a flat vector of DL4J's layout: its weights seen row-major as [outputs × inputs] (the
     * transpose of W; {@code wxT} and {@code wyT} are that matrix's column blocks for the previous layer and for the
     * label, the latter null unless conditional) and its bias [1 × outputs].
     */
    record CpuLayer(CpuMatrix w, CpuMatrix wxT, CpuMatrix wyT, CpuMatrix b) {
    }
}
