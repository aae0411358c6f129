package org.vaenodes.engine.train.cpu;

import org.vaenodes.engine.spec.AdamHyperparameters;

/**
 * Adam fused with the parameter update. Same formula as the ND4J updater of the ND4J path (so both paths train the
 * same model): with t the 1-based step, m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − α_t·m / (√v + ε),
 * α_t = lr·√(1−β₂ᵗ) / (1−β₁ᵗ).
 *
 * <p>The moments live on the heap in blocks of {@value #BLOCK} values; the parameters and the gradient are copied
 * block-wise from their off-heap memory into scratch arrays at the same position within the block. All four arrays
 * of the update loop are then indexed alike, which is what lets the JIT vectorise it (the square root and division
 * run 8–16 lanes wide); loops over direct buffers, or over arrays at differing offsets, stay scalar. Each lane updates
 * its own ranges of parameters with its own scratch, right after computing their gradient (still in cache).
 */
final class CpuAdam {

    private static final double BETA1 = AdamHyperparameters.BETA1;
    private static final double BETA2 = AdamHyperparameters.BETA2;
    private static final double EPSILON = AdamHyperparameters.EPSILON;
    /**
     * Small enough that a block's four arrays (parameters, gradient, both moments: 16 KB) stay in the first-level
     * cache between the copies and the update loop: 0.93 → 0.85 ns per parameter-update alone, against 4,096.
     */
    private static final int BLOCK = 1024;
    /**
     * (v + FLUSH) − FLUSH rounds v to a multiple of 2^−110 (FLUSH is 2^23 times that), so that nothing in the update
     * is a subnormal float, which the processor handles up to a hundred times slower. Why: the parameters of a dead
     * ReLU unit get gradient 0 for good; their first moment decays by β₁ each step until this rounding holds it at a
     * few grains (β₁·k grains rounds back to k for small k). With the grain at 2^−126, the smallest normal float, the
     * moments stayed normal but the step α·m of such a moment was subnormal, and by the eighth Fashion-MNIST epoch
     * Adam's loop took 1.8 instead of 0.6 ns per parameter; with 2^−110, α·m is normal for every learning rate from
     * 1e-4 up (α ≥ 0.3·rate). Values from ~3e-30 up come out unchanged, but for round-half-even ties (odd values in
     * [2^−63, 2^−62) move by one unit in their last place, as odd values in [2^−79, 2^−78) did with 2^−126); below,
     * the change is far below anything the update p −= α·m/(√v + ε) can resolve (its steps stay under 1e-21). Plain
     * additions, so the loop still vectorises (a compare would not).
     */
    private static final float FLUSH = 0x1p-87f;

    private final double learningRate;
    private final float[][] m;
    private final float[][] v;
    private final Scratch[] scratch;
    private int step;
    private float alpha;

    CpuAdam(double learningRate, int parameterCount, int lanes) {
        this.learningRate = learningRate;
        int blocks = (parameterCount + BLOCK - 1) / BLOCK;
        m = new float[blocks][];
        v = new float[blocks][];
        for (int b = 0; b < blocks; b++) {
            int len = Math.min(BLOCK, parameterCount - b * BLOCK);
            m[b] = new float[len];
            v[b] = new float[len];
        }
        scratch = new Scratch[lanes];
        for (int i = 0; i < lanes; i++) {
            scratch[i] = new Scratch();
        }
    }

    /** Starts the next step (bias-corrected step size); then {@link #update} each range once. */
    void beginStep() {
        step++;
        double a = learningRate * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
        alpha = (float) (!Double.isFinite(a) || a == 0 ? EPSILON : a);
    }

    /**
     * params[from, to) −= update(g), where the gradient g of those parameters is the first to − from values of the
     * contiguous matrix {@code grad}; with the lane's scratch.
     */
    void update(int lane, CpuMatrix params, int from, int to, CpuMatrix grad) {
        Scratch s = scratch[lane];
        int start = from;
        while (start < to) {
            int b = start / BLOCK;
            int lo = start - b * BLOCK;
            int hi = Math.min(m[b].length, lo + (to - start));
            int len = hi - lo;
            grad.buf.get(grad.offset + (start - from), s.g, lo, len);
            params.buf.get(params.offset + start, s.p, lo, len);
            block(s.g, s.p, m[b], v[b], lo, hi, alpha);
            params.buf.put(params.offset + start, s.p, lo, len);
            start += len;
        }
    }

    private static void block(float[] g, float[] p, float[] mm, float[] vv, int lo, int hi, float alpha) {
        float b1 = (float) BETA1;
        float c1 = (float) (1 - BETA1);
        float b2 = (float) BETA2;
        float c2 = (float) (1 - BETA2);
        float eps = (float) EPSILON;
        for (int i = lo; i < hi; i++) {
            float gi = g[i];
            float mi = b1 * mm[i] + c1 * gi;
            float vi = b2 * vv[i] + c2 * gi * gi;
            mi = (mi + FLUSH) - FLUSH;
            vi = (vi + FLUSH) - FLUSH;
            mm[i] = mi;
            vv[i] = vi;
            p[i] -= alpha * mi / ((float) Math.sqrt(vi) + eps);
        }
    }

    /** For tests: the number of moments (first and second) that are subnormal floats. */
    int subnormalMoments() {
        int n = 0;
        for (float[][] moments : new float[][][] {m, v}) {
            for (float[] block : moments) {
                for (float x : block) {
                    n += x != 0 && Math.abs(x) < Float.MIN_NORMAL ? 1 : 0;
                }
            }
        }
        return n;
    }

    private static final class Scratch {
        final float[] g = new float[BLOCK];
        final float[] p = new float[BLOCK];
    }
}
