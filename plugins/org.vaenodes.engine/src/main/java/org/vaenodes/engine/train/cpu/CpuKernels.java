package org.vaenodes.engine.train.cpu;

import java.nio.FloatBuffer;

import org.vaenodes.engine.network.Nd4jVaeMath;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.spec.Activation;

/**
 * The element-wise parts of a VAE training step as plain Java loops over {@link CpuMatrix} memory, each fused into
 * as few passes as possible. Each call runs on the thread that makes it (a {@link CpuLanes lane}): no OpenMP pool
 * wakes up, so nothing competes with the lanes for the cores (on small machines that contention, not arithmetic, was
 * most of a step's time with ND4J's operations). The maths is that of {@link Nd4jVaeMath}'s ND4J operations; sums
 * over a row are taken in double. Loops avoid data-dependent branches where the data's signs are unpredictable.
 */
final class CpuKernels {

    private CpuKernels() {
    }

    /**
     * out[r, c] = f(out[r, c] + bias[c]) for a hidden layer, or just the bias for {@code act == null}. Row by row
     * through heap arrays: the JIT vectorises the loops over arrays, not over direct buffers (ReLU: 1.1 → 0.26 ns
     * per value, copies included). One loop per activation, so that no per-value switch or call stays in the hot loop.
     */
    static void addBiasAndActivate(CpuMatrix out, CpuMatrix bias, Activation act) {
        int cols = out.cols;
        float[] b = new float[cols];
        bias.buf.get(bias.offset, b, 0, cols);
        float[] v = new float[cols];
        for (int r = 0; r < out.rows; r++) {
            int row = out.offset + r * out.ld;
            out.buf.get(row, v, 0, cols);
            addBiasAndActivate(v, b, act);
            out.buf.put(row, v, 0, cols);
        }
    }

    private static void addBiasAndActivate(float[] v, float[] b, Activation act) {
        int cols = v.length;
        if (act == null) {
            for (int c = 0; c < cols; c++) {
                v[c] += b[c];
            }
            return;
        }
        switch (act) {
            case RELU -> {
                for (int c = 0; c < cols; c++) {
                    // Math.max is branch-free: the signs of pre-activations are unpredictable
                    v[c] = Math.max(v[c] + b[c], 0f);
                }
            }
            case LEAKY_RELU -> {
                float slope = (float) Activation.LEAKY_SLOPE;
                for (int c = 0; c < cols; c++) {
                    float x = v[c] + b[c];
                    v[c] = Math.max(x, slope * x);
                }
            }
            case TANH -> {
                for (int c = 0; c < cols; c++) {
                    v[c] = (float) Math.tanh(v[c] + b[c]);
                }
            }
            case SIGMOID -> {
                for (int c = 0; c < cols; c++) {
                    v[c] = (float) (1.0 / (1.0 + Math.exp(-(v[c] + b[c]))));
                }
            }
            case ELU -> {
                for (int c = 0; c < cols; c++) {
                    float x = v[c] + b[c];
                    v[c] = x > 0 ? x : (float) Math.expm1(x);
                }
            }
            default -> throw new AssertionError(act);
        }
    }

    /**
     * delta ⊙= f'(pre), from the activation output a = f(pre) (same shapes; either may be a column block). Row by row
     * through heap arrays, like {@link #addBiasAndActivate}: the JIT vectorises the loops over arrays, not those over
     * direct buffers (ReLU on a lane's 128 × 200 block: 0.78 → 0.50 ns per value, copies included). One loop per
     * activation.
     */
    static void multiplyByDerivative(CpuMatrix delta, CpuMatrix a, Activation act) {
        int cols = delta.cols;
        float[] d = new float[cols];
        float[] y = new float[cols];
        for (int r = 0; r < delta.rows; r++) {
            int row = delta.offset + r * delta.ld;
            delta.buf.get(row, d, 0, cols);
            a.buf.get(a.offset + r * a.ld, y, 0, cols);
            multiplyByDerivative(d, y, act);
            delta.buf.put(row, d, 0, cols);
        }
    }

    /** d ⊙= f'(pre) from the activation outputs y. */
    private static void multiplyByDerivative(float[] d, float[] y, Activation act) {
        int n = d.length;
        switch (act) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    // f' = 1 where the output is > 0, else 0: keep or clear the gradient's bits with a mask
                    // (branch-free; the pattern of zero outputs is unpredictable)
                    int mask = -Float.floatToRawIntBits(y[i]) >> 31;
                    d[i] = Float.intBitsToFloat(Float.floatToRawIntBits(d[i]) & mask);
                }
            }
            case LEAKY_RELU -> {
                float slope = (float) Activation.LEAKY_SLOPE;
                for (int i = 0; i < n; i++) {
                    d[i] *= y[i] > 0 ? 1f : slope;
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    d[i] *= 1f - y[i] * y[i];
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    d[i] *= (1f - y[i]) * y[i];
                }
            }
            case ELU -> {
                for (int i = 0; i < n; i++) {
                    d[i] *= y[i] > 0 ? 1f : y[i] + 1f;
                }
            }
            default -> throw new AssertionError(act);
        }
    }

    /**
     * sums[c] = Σ_r d[r, c] (bias gradients), row after row. Each row is copied into a heap array first: the JIT
     * vectorises the additions over arrays, not over direct buffers.
     */
    static void columnSums(CpuMatrix d, CpuMatrix sums) {
        int cols = d.cols;
        float[] acc = new float[cols];
        float[] row = new float[cols];
        for (int r = 0; r < d.rows; r++) {
            d.buf.get(d.offset + r * d.ld, row, 0, cols);
            for (int c = 0; c < cols; c++) {
                acc[c] += row[c];
            }
        }
        sums.buf.put(sums.offset, acc, 0, cols);
    }

    /** Factors in (1, 2] multiplied per accumulator before taking the log: 2^250 stays far inside the double range. */
    private static final int PRODUCT_RUN = 250;

    /**
     * Output layer of a Bernoulli VAE: adds the bias to the logits l in place, writes the per-row reconstruction
     * loss −log p(x | z) = Σ softplus(l) − x·l into rowLoss and, if delta is not null, ∂loss/∂l = sigmoid(l) − x.
     *
     * <p>With E = e^−l (from {@link FastExp}, which the JIT vectorises): sigmoid(l) = 1/(1 + E) and softplus(l) =
     * max(l, 0) + log(1 + e), e = e^−|l| = min(E, 1/E). The logarithms are summed as the log of a product (every
     * factor 1 + e lies in (1, 2]), so a row costs four logs per thousand values. Each step is a loop of its own over
     * heap arrays (direct buffers and mixed float/double arithmetic keep the JIT from vectorising), and the row
     * sums run over four accumulators each ({@link #lossSum}); their rounding differs from a single sum only in the
     * last bits of a double.
     */
    static void bernoulliOutput(CpuMatrix logits, CpuMatrix bias, CpuMatrix x, double[] rowLoss, CpuMatrix delta) {
        int cols = logits.cols;
        float[] b = new float[cols];
        float[] v = new float[cols];
        float[] t = new float[cols];
        double[] vd = new double[cols];
        double[] td = new double[cols];
        double[] ev = new double[cols];
        double[] work = new double[cols];
        double[] terms = new double[cols];
        bias.buf.get(bias.offset, b, 0, cols);
        for (int r = 0; r < logits.rows; r++) {
            int row = logits.offset + r * logits.ld;
            logits.buf.get(row, v, 0, cols);
            x.buf.get(x.offset + r * x.ld, t, 0, cols);
            for (int c = 0; c < cols; c++) {
                v[c] += b[c];
            }
            logits.buf.put(row, v, 0, cols);
            for (int c = 0; c < cols; c++) {
                vd[c] = v[c];
                td[c] = t[c];
            }
            for (int c = 0; c < cols; c++) {
                ev[c] = FastExp.exp(-vd[c]);
            }
            if (delta != null) {
                for (int c = 0; c < cols; c++) {
                    work[c] = 1.0 / (1.0 + ev[c]) - td[c];
                }
                for (int c = 0; c < cols; c++) {
                    t[c] = (float) work[c];
                }
                delta.buf.put(delta.offset + r * delta.ld, t, 0, cols);
            }
            for (int c = 0; c < cols; c++) {
                work[c] = 1.0 + Math.min(ev[c], 1.0 / ev[c]);
            }
            rowLoss[r] = lossSum(vd, td, terms, work);
        }
    }

    /**
     * Σ (max(l, 0) − x·l) + log Π f over a row, for factors f in (1, 2]. The terms of the first sum are computed in
     * a loop of their own, which the JIT vectorises (inside the sums' loop, Math.max kept everything scalar). Both
     * reductions then run in one loop, each over four interleaved accumulators: a chain of dependent additions or
     * multiplications waits for the previous result, and eight independent chains keep the processor busy where four
     * left it waiting (0.65 → 0.46–0.51 ns per value for the two, measured alone). Each accumulator adds or multiplies
     * the same values in the same order as in a loop of its own, so the result is the same to the bit.
     */
    private static double lossSum(double[] l, double[] x, double[] terms, double[] f) {
        int n = l.length;
        for (int c = 0; c < n; c++) {
            terms[c] = Math.max(l[c], 0) - x[c] * l[c];
        }
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double p0 = 1;
        double p1 = 1;
        double p2 = 1;
        double p3 = 1;
        double logs = 0;
        int c = 0;
        for (int run = 1; c + 3 < n; c += 4, run++) {
            s0 += terms[c];
            s1 += terms[c + 1];
            s2 += terms[c + 2];
            s3 += terms[c + 3];
            p0 *= f[c];
            p1 *= f[c + 1];
            p2 *= f[c + 2];
            p3 *= f[c + 3];
            if (run == PRODUCT_RUN) {
                logs += Math.log(p0) + Math.log(p1) + Math.log(p2) + Math.log(p3);
                p0 = 1;
                p1 = 1;
                p2 = 1;
                p3 = 1;
                run = 0;
            }
        }
        for (; c < n; c++) {
            s0 += terms[c];
            p0 *= f[c];
        }
        double linear = (s0 + s1) + (s2 + s3);
        return linear + (logs + Math.log(p0) + Math.log(p1) + Math.log(p2) + Math.log(p3));
    }

    /**
     * Output layer of a Gaussian VAE (unit variance): adds the bias to the means in place, writes the per-row loss
     * Σ (μ − x)² + D·½ ln π and, if delta is not null, ∂loss/∂μ = 2(μ − x).
     */
    static void gaussianOutput(CpuMatrix means, CpuMatrix bias, CpuMatrix x, double[] rowLoss, CpuMatrix delta) {
        FloatBuffer mv = means.buf;
        FloatBuffer b = bias.buf;
        FloatBuffer xv = x.buf;
        FloatBuffer dv = delta == null ? null : delta.buf;
        int cols = means.cols;
        double constant = cols * Network.HALF_LN_PI;
        for (int r = 0; r < means.rows; r++) {
            int row = means.offset + r * means.ld;
            int xRow = x.offset + r * x.ld;
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                float v = mv.get(row + c) + b.get(bias.offset + c);
                mv.put(row + c, v);
                float diff = v - xv.get(xRow + c);
                sum += (double) diff * diff;
                if (dv != null) {
                    dv.put(delta.offset + r * delta.ld + c, 2f * diff);
                }
            }
            rowLoss[r] = sum + constant;
        }
    }

    /**
     * The latent layer: std = exp(½ log σ²), z = μ + ε·std (or z = μ without sampling), and per row
     * KL(q(z|x) ‖ N(0, I)) = ½ Σ (σ² + μ² − 1 − log σ²) into rowKl.
     */
    static void reparameterise(CpuMatrix mu, CpuMatrix logVar, CpuMatrix eps, boolean sample, CpuMatrix std,
            CpuMatrix z, double[] rowKl) {
        int cols = mu.cols;
        for (int r = 0; r < mu.rows; r++) {
            double kl = 0;
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                float m = mu.buf.get(mu.offset + i);
                float lv = logVar.buf.get(logVar.offset + i);
                float s = (float) Math.exp(0.5 * lv);
                std.buf.put(std.offset + i, s);
                z.buf.put(z.offset + i, sample ? m + eps.buf.get(eps.offset + i) * s : m);
                kl += Math.exp(lv) + (double) m * m - 1.0 - lv;
            }
            rowKl[r] = 0.5 * kl;
        }
    }

    /**
     * Gradients at the latent heads for the objective recon + β·KL, from dz = ∂recon/∂z:
     * dμ = dz + β·μ and d log σ² = ½ (dz·ε·std + β (std² − 1)).
     */
    static void latentGradients(CpuMatrix dz, CpuMatrix mu, CpuMatrix eps, CpuMatrix std, double beta,
            CpuMatrix dMu, CpuMatrix dLogVar) {
        int n = dz.size();
        float b = (float) beta;
        for (int i = 0; i < n; i++) {
            float g = dz.buf.get(dz.offset + i);
            float s = std.buf.get(std.offset + i);
            dMu.buf.put(dMu.offset + i, g + b * mu.buf.get(mu.offset + i));
            dLogVar.buf.put(dLogVar.offset + i, 0.5f * (g * eps.buf.get(eps.offset + i) * s + b * (s * s - 1f)));
        }
    }
}
