package org.vaenodes.engine.train.cpu;

import org.vaenodes.engine.network.Dense;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.spec.Activation;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * The VAE's forward and backward passes on the CPU: OpenBLAS products and the loops of {@link CpuKernels}, on
 * row-major float matrices over the network's own parameter memory. {@link CpuTrainingSteps} decides which rows and
 * lanes run them and applies Adam; this class only computes.
 */
final class CpuVaeMath {

    /**
     * One layer inside a flat vector of DL4J's layout: its weights seen row-major as [outputs × inputs] (the
     * transpose of W; {@code wxT} and {@code wyT} are that matrix's column blocks for the previous layer and for the
     * label, the latter null unless conditional) and its bias [1 × outputs].
     */
    record CpuLayer(CpuMatrix w, CpuMatrix wxT, CpuMatrix wyT, CpuMatrix b) {
    }

    /** Receives one lane's share of a layer's gradient: values for the parameters [from, from + size of g). */
    interface GradientShare {
        void accept(long from, CpuMatrix g);
    }

    private final Network network;
    private final VaeConfig config;
    private final CpuLayer[] weights;

    CpuVaeMath(Network network, CpuMatrix params) {
        this.network = network;
        this.config = network.config();
        this.weights = layersOf(network, params);
    }

    /** The layers of a network seen in a flat vector of its layout (its parameters, or a gradient). */
    static CpuLayer[] layersOf(Network network, CpuMatrix flat) {
        CpuLayer[] out = new CpuLayer[network.layers().length];
        for (int k = 0; k < out.length; k++) {
            Dense d = network.layers()[k];
            CpuMatrix w = CpuMatrix.window(flat.buf, flat.ptr, d.offset, d.out, d.fanIn());
            out[k] = new CpuLayer(w, w.colBlock(0, d.inX), d.classes == 0 ? null : w.colBlock(d.inX, d.classes),
                    CpuMatrix.window(flat.buf, flat.ptr, d.biasOffset(), 1, d.out));
        }
        return out;
    }

    /** Start of part i of [0, size) cut into n nearly equal parts. */
    static int part(int size, int i, int n) {
        return (int) ((long) size * i / n);
    }

    /** Encoder, z, decoder and the per-row losses; in training also the output delta. */
    void forward(CpuPass p, boolean sample) {
        CpuMatrix in = p.x;
        for (int k = 0; k < network.encoderLayers(); k++) {
            dense(k, in, p, config.activation());
            in = p.act[k];
        }
        dense(network.muLayer(), in, p, null);
        dense(network.lvLayer(), in, p, null);
        CpuKernels.reparameterise(p.act[network.muLayer()], p.act[network.lvLayer()], p.eps, sample, p.std, p.z, p.rowKl);
        in = p.z;
        for (int k = network.firstDecLayer(); k < network.outLayer(); k++) {
            dense(k, in, p, config.activation());
            in = p.act[k];
        }
        int out = network.outLayer();
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
        int out = network.outLayer();
        int firstDec = network.firstDecLayer();
        for (int k = out; k >= firstDec; k--) {
            CpuMatrix below = k == firstDec ? p.dz : p.delta[k - 1];
            OpenBlasGemm.gemm(p.delta[k], false, weights[k].wxT(), false, below, 0f);
            if (k > firstDec) {
                CpuKernels.multiplyByDerivative(below, p.act[k - 1], act);
            }
        }
        int mu = network.muLayer();
        int lv = network.lvLayer();
        CpuKernels.latentGradients(p.dz, p.act[mu], p.eps, p.std, config.beta(), p.delta[mu], p.delta[lv]);
        if (network.encoderLayers() == 0) {
            return;
        }
        int top = network.encoderLayers() - 1;
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
     * incoming weights together). Each share goes to the lane's small buffer and on to {@code share} at once, while it
     * is in cache (training hands it to Adam).
     */
    void weightGradients(CpuPass whole, int lane, int lanes, CpuMatrix laneBuffer, GradientShare share) {
        weightGradients(whole, lane, lanes, null, laneBuffer, share);
    }

    private void weightGradients(CpuPass whole, int lane, int lanes, CpuLayer[] into, CpuMatrix laneBuffer,
            GradientShare share) {
        for (int k = 0; k < weights.length; k++) {
            Dense d = network.layers()[k];
            CpuMatrix delta = whole.delta[k];
            int r0 = part(d.out, lane, lanes);
            int r1 = part(d.out, lane + 1, lanes);
            if (r1 > r0) {
                CpuMatrix g = into == null ? laneBuffer.front(r1 - r0, d.fanIn())
                        : into[k].w().rowBlock(r0, r1 - r0);
                CpuMatrix units = delta.colBlock(r0, r1 - r0);
                OpenBlasGemm.gemm(units, true, inputOf(k, whole), false, g.colBlock(0, d.inX), 0f);
                if (d.classes > 0) {
                    OpenBlasGemm.gemm(units, true, whole.y, false, g.colBlock(d.inX, d.classes), 0f);
                }
                if (into == null) {
                    share.accept(d.offset + (long) r0 * d.fanIn(), g);
                }
            }
            int b0 = part(d.out, lane, lanes);
            int b1 = part(d.out, lane + 1, lanes);
            if (b1 > b0) {
                CpuMatrix g = into == null ? laneBuffer.front(1, b1 - b0) : into[k].b().colBlock(b0, b1 - b0);
                CpuKernels.columnSums(delta.colBlock(b0, b1 - b0), g);
                if (into == null) {
                    share.accept(d.biasOffset() + b0, g);
                }
            }
        }
    }

    /** The input of layer k in a pass. */
    private CpuMatrix inputOf(int k, CpuPass p) {
        if (k < network.encoderLayers()) {
            return k == 0 ? p.x : p.act[k - 1];
        }
        if (k == network.muLayer() || k == network.lvLayer()) {
            return network.encoderLayers() == 0 ? p.x : p.act[network.encoderLayers() - 1];
        }
        return k == network.firstDecLayer() ? p.z : p.act[k - 1];
    }

    /**
     * The full flat gradient of the pass's rows (after a training forward), in the parameters' layout, computed in
     * {@code lanes} shares one after another as the lanes would; nothing is updated. For tests and checks.
     */
    CpuMatrix gradient(CpuPass p, int lanes) {
        CpuMatrix grad = CpuMatrix.allocate(1, Math.toIntExact(network.paramCount()));
        CpuLayer[] layers = layersOf(network, grad);
        backwardDeltas(p);
        for (int lane = 0; lane < lanes; lane++) {
            weightGradients(p, lane, lanes, layers, null, null);
        }
        return grad;
    }
}
