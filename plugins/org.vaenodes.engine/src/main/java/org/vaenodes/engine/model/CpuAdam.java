package org.vaenodes.engine.model;

/**
 * Adam fused with the parameter update. Same formula as the ND4J updater of the ND4J path (so both paths train the
 * same model): with t the 1-based step, m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − α_t·m / (√v + ε),
 * α_t = lr·√(1−β₂ᵗ) / (1−β₁ᵗ).
 *
 * <p>The state lives off-heap like the parameters. It is processed in blocks copied into small heap arrays,
 * because the JIT compiler vectorises loops over arrays (the square root and division run 8–16 lanes wide) but not
 * loops over direct buffers; the copies are plain memory moves of cache-sized blocks. Each lane updates its own
 * ranges of parameters with its own scratch blocks, right after computing their gradient (still in cache).
 */
final class CpuAdam {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;
    private static final int BLOCK = 4096;

    private final double learningRate;
    private final CpuMatrix m;
    private final CpuMatrix v;
    private final Scratch[] scratch;
    private int step;
    private float alpha;

    CpuAdam(double learningRate, int parameterCount, int lanes) {
        this.learningRate = learningRate;
        m = CpuMatrix.allocate(1, parameterCount);
        v = CpuMatrix.allocate(1, parameterCount);
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
        for (int start = from; start < to; start += BLOCK) {
            int len = Math.min(BLOCK, to - start);
            grad.buf.get(grad.offset + (start - from), s.g, 0, len);
            params.buf.get(params.offset + start, s.p, 0, len);
            m.buf.get(start, s.m, 0, len);
            v.buf.get(start, s.v, 0, len);
            block(s, len, alpha);
            params.buf.put(params.offset + start, s.p, 0, len);
            m.buf.put(start, s.m, 0, len);
            v.buf.put(start, s.v, 0, len);
        }
    }

    private static void block(Scratch s, int len, float alpha) {
        float b1 = (float) BETA1;
        float c1 = (float) (1 - BETA1);
        float b2 = (float) BETA2;
        float c2 = (float) (1 - BETA2);
        float eps = (float) EPSILON;
        float[] g = s.g;
        float[] p = s.p;
        float[] mm = s.m;
        float[] vv = s.v;
        for (int i = 0; i < len; i++) {
            float gi = g[i];
            float mi = b1 * mm[i] + c1 * gi;
            float vi = b2 * vv[i] + c2 * gi * gi;
            mm[i] = mi;
            vv[i] = vi;
            p[i] -= alpha * mi / ((float) Math.sqrt(vi) + eps);
        }
    }

    private static final class Scratch {
        final float[] g = new float[BLOCK];
        final float[] p = new float[BLOCK];
        final float[] m = new float[BLOCK];
        final float[] v = new float[BLOCK];
    }
}
