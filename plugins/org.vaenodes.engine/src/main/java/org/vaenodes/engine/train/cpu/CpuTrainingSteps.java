package org.vaenodes.engine.train.cpu;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.vaenodes.engine.concurrent.EngineWorkers;
import org.vaenodes.engine.network.Dense;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.nd4j.Nd4jTrainingSteps;
import org.vaenodes.engine.train.steps.TrainingSteps;

/**
 * Training steps of a float32 {@link Vae} on ND4J's CPU backend without ND4J operations: matrix products go straight
 * to OpenBLAS ({@link OpenBlasGemm}), everything else is fused Java loops ({@link CpuKernels}, {@link CpuAdam}),
 * working in place on the network's parameter memory. Same model, objective, initialisation and
 * optimizer as {@link Nd4jTrainingSteps}; the noise comes from a seeded {@link SplittableRandom} instead of ND4J's
 * generator, so runs are reproducible but not bit-identical across the two paths.
 *
 * <p>Why: per batch, ND4J's element-wise operations and fused Adam wake its OpenMP pool, whose threads then fight
 * OpenBLAS's spinning worker for the cores; inside KNIME's JVM the user cannot set {@code OMP_WAIT_POLICY} to stop
 * that. This path never enters OpenMP and owns its threads ({@link CpuLanes}, OpenBLAS single-threaded). A step is
 * one task for all lanes, in phases separated by barriers ({@link CpuLaneShare}): each lane gathers its rows; the
 * forward pass and the backward deltas run by row slices, except the wide products, which each lane computes for
 * its block of output columns over the whole batch; then each layer's weight gradient is split by weight rows — a
 * contiguous range of the parameter vector — and each lane multiplies its range over the whole batch and applies
 * Adam to it at once, while the gradient is still in cache. The splits follow the batch size and the lane count
 * ({@link CpuSplitChoice} also turns the column split off on a busy machine; both splits compute the same values),
 * and no value is ever summed across lanes, so results do not depend on thread timing (nor, in practice, on the
 * number of lanes).
 */
public final class CpuTrainingSteps implements TrainingSteps {

    /** System property: "nd4j" forces the ND4J path (for comparisons); anything else lets {@link #supports} decide. */
    static final String KERNELS_PROPERTY = "vaenodes.engine.kernels";


    /** Fewest rows worth a lane of their own (below this a product's fixed cost outweighs the split). */
    private static final int MIN_LANE_ROWS = 32;

    private final Network network;
    private final VaeConfig config;
    private final float[] data;
    private final int[] labels;
    private final boolean binarize;
    private final CpuMatrix params;
    private final CpuVaeMath math;
    private final CpuLanes lanes;
    /** Per lane: where its share of a layer's gradient lands before Adam consumes it (small enough for the cache). */
    private final CpuMatrix[] laneGradient;
    private final int blasThreadsBefore;
    private final CpuAdam adam;
    private final CpuSplitChoice split = new CpuSplitChoice();
    private final SplittableRandom noise;
    private final long evalSeed;
    private SplittableRandom evalNoise;
    private final Map<Integer, Batch> batches = new HashMap<>();
    private final double[] sums = new double[3];
    private float[] best;

    public CpuTrainingSteps(Network network, float[] data, int[] labels, double learningRate, long seed,
            boolean binarize) {
        if (!supports(network)) {
            throw new IllegalArgumentException("The CPU training path needs a float32 network on ND4J's CPU backend");
        }
        this.network = network;
        this.config = network.config();
        this.data = data;
        this.labels = labels;
        this.binarize = binarize;
        int p = Math.toIntExact(network.paramCount());
        FloatBuffer flat = network.params().data().asNioFloat();
        params = CpuMatrix.window(flat, network.params().data().addressPointer(), 0, 1, p);
        math = new CpuVaeMath(network, params);
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
        noise = new SplittableRandom(Network.derivedSeed(seed, 1));
        evalSeed = Network.derivedSeed(seed, 2);
        evalNoise = new SplittableRandom(evalSeed);
    }

    /** True for a float32 network on ND4J's CPU backend, unless -Dvaenodes.engine.kernels=nd4j. */
    static boolean supports(Network network) {
        return whyNot(network) == null;
    }

    /** Null if these steps can train {@code vae} here, else why not. */
    public static String whyNot(Network network) {
        if (network.dtype() != DataType.FLOAT || network.paramCount() > Integer.MAX_VALUE) {
            return "they train float32 networks of at most 2^31 parameters";
        }
        if ("nd4j".equalsIgnoreCase(System.getProperty(KERNELS_PROPERTY))) {
            return "-D" + KERNELS_PROPERTY + "=nd4j";
        }
        if (!onCpuBackend()) {
            return "ND4J does not run on its CPU backend";
        }
        return OpenBlasGemm.whyNotAvailable();
    }

    /** True when ND4J runs on its CPU backend. */
    public static boolean onCpuBackend() {
        return Nd4j.getBackend().getClass().getSimpleName().startsWith("Cpu");
    }

    /** The most gradient values one lane computes for one layer's weights or bias, with {@code lanes} lanes. */
    private int largestShare(int lanes) {
        int most = 1;
        for (Dense d : network.layers()) {
            most = Math.max(most, (d.out + lanes - 1) / lanes * Math.max(d.fanIn(), 1));
        }
        return most;
    }

    /** Lanes (threads) of the CPU path: the engine's thread count (-Dvaenodes.engine.lanes, else one per core, ≤ 8). */
    public static int laneCount() {
        return EngineWorkers.threadCount();
    }

    /** A pass over a whole batch and its row slices, one per lane (each with at least MIN_LANE_ROWS rows). */
    private record Batch(CpuPass whole, CpuPass[] slices, int[] starts) {
    }

    private Batch batch(int rows, boolean training) {
        return batches.computeIfAbsent(training ? rows : -rows, k -> {
            CpuPass whole = new CpuPass(network, rows, training);
            int n = (int) Math.max(1, Math.min(lanes.lanes(), rows / MIN_LANE_ROWS));
            CpuPass[] slices = new CpuPass[n];
            int[] starts = new int[n];
            for (int i = 0; i < n; i++) {
                starts[i] = CpuLanes.part(rows, i, n);
                slices[i] = whole.slice(starts[i], CpuLanes.part(rows, i + 1, n) - starts[i]);
            }
            return new Batch(whole, slices, starts);
        });
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
        adam.beginStep();
        boolean columns = split.columns();
        long start = System.nanoTime();
        lanes.run(lane -> {
            CpuLaneShare share = new CpuLaneShare(b.whole(), lane < slices.length ? slices[lane] : null, lane, lanes,
                    columns);
            CpuPass mine = share.beginRows();
            if (mine != null && !binarize) {
                gather(mine, order, from + b.starts()[lane]);
            }
            math.forward(share, true);
            math.backwardDeltas(share);
            share.beginColumns(); // the weight gradients read every row's deltas
            math.weightGradients(b.whole(), lane, lanes.lanes(), laneGradient[lane],
                    (from0, g) -> adam.update(lane, params, (int) from0, (int) (from0 + g.size()), g));
        });
        split.afterStep(columns, System.nanoTime() - start, lanes.takeBarrierWait(), lanes.lanes());
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
                math.forward(slices[lane], true);
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

    /** The maths these steps run (for tests: gradients and forward passes without an update). */
    CpuVaeMath math() {
        return math;
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

}
