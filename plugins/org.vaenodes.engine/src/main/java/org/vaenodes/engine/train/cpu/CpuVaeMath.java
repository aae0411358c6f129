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

    /** Encoder, z, decoder and the per-row losses; in training also the output delta. One lane alone. */
    void forward(CpuPass p, boolean sample) {
        forward(CpuLaneShare.alone(p), sample);
    }

    /** The forward pass over a batch, this lane's part of it; every lane of the team calls it. */
    void forward(CpuLaneShare s, boolean sample) {
        for (int k = 0; k < network.encoderLayers(); k++) {
            dense(k, s, config.activation());
        }
        dense(network.muLayer(), s, null);
        dense(network.lvLayer(), s, null);
        CpuPass p = s.beginRows();
        if (p != null) {
            CpuKernels.reparameterise(p.act[network.muLayer()], p.act[network.lvLayer()], p.eps, sample, p.std, p.z,
                    p.rowKl);
        }
        for (int k = network.firstDecLayer(); k < network.outLayer(); k++) {
            dense(k, s, config.activation());
        }
        int out = network.outLayer();
        dense(out, s, null);
        p = s.beginRows();
        if (p != null) {
            CpuMatrix delta = p.delta == null ? null : p.delta[out];
            if (config.likelihood() == Likelihood.BERNOULLI) {
                CpuKernels.bernoulliOutput(p.act[out], weights[out].b(), p.x, p.rowLoss, delta);
            } else {
                CpuKernels.gaussianOutput(p.act[out], weights[out].b(), p.x, p.rowLoss, delta);
            }
        }
    }

    /**
     * act[k] = input·Wx (+ y·Wy) and, for all but the output layer (whose bias the likelihood adds), f(· + bias)
     * with f = act (none if null): this lane's rows, or this lane's columns over all rows.
     */
    private void dense(int k, CpuLaneShare s, Activation act) {
        Dense d = network.layers()[k];
        CpuLaneShare.Product part = s.beginProduct(d.inX, d.out);
        if (part == null) {
            return;
        }
        CpuPass p = part.pass();
        CpuMatrix out = p.act[k].colBlock(part.from(), part.n());
        OpenBlasGemm.gemm(inputOf(k, p), false, weights[k].wxT().rowBlock(part.from(), part.n()), true, out, 0f);
        if (weights[k].wyT() != null) {
            OpenBlasGemm.gemm(p.y, false, weights[k].wyT().rowBlock(part.from(), part.n()), true, out, 1f);
        }
        if (k != network.outLayer()) {
            CpuKernels.addBiasAndActivate(out, weights[k].b().colBlock(part.from(), part.n()), act);
        }
    }

    /**
     * Backward pass for the pass's rows: ∂(Σ_rows recon + β·KL)/∂(pre-activation) of every layer into
     * {@code p.delta} (and ∂recon/∂z into {@code p.dz}); after a training forward. Reads the weights, writes no
     * gradient. One lane alone.
     */
    void backwardDeltas(CpuPass p) {
        backwardDeltas(CpuLaneShare.alone(p));
    }

    /** The backward pass over a batch, this lane's part of it; every lane of the team calls it. */
    void backwardDeltas(CpuLaneShare s) {
        int out = network.outLayer();
        int firstDec = network.firstDecLayer();
        for (int k = out; k >= firstDec; k--) {
            propagate(s, k, -1, k == firstDec ? -1 : k - 1);
        }
        CpuPass p = s.beginRows();
        if (p != null) {
            CpuKernels.latentGradients(p.dz, p.act[network.muLayer()], p.eps, p.std, config.beta(),
                    p.delta[network.muLayer()], p.delta[network.lvLayer()]);
        }
        if (network.encoderLayers() == 0) {
            return;
        }
        int top = network.encoderLayers() - 1;
        propagate(s, network.muLayer(), network.lvLayer(), top);
        for (int k = top; k > 0; k--) {
            propagate(s, k, -1, k - 1);
        }
    }

    /**
     * δ[j] = (δ[k]·Wx[k] (+ δ[k2]·Wx[k2] if k2 ≥ 0: the μ and log σ² layers share their input)) ⊙ f'(act[j]), or,
     * for j &lt; 0, ∂recon/∂z = δ[k]·Wx[k]: this lane's rows, or this lane's columns over all rows.
     */
    private void propagate(CpuLaneShare s, int k, int k2, int j) {
        Dense d = network.layers()[k];
        int inner = k2 < 0 ? d.out : d.out + network.layers()[k2].out;
        CpuLaneShare.Product part = s.beginProduct(inner, d.inX);
        if (part == null) {
            return;
        }
        CpuPass p = part.pass();
        CpuMatrix into = (j < 0 ? p.dz : p.delta[j]).colBlock(part.from(), part.n());
        OpenBlasGemm.gemm(p.delta[k], false, weights[k].wxT().colBlock(part.from(), part.n()), false, into, 0f);
        if (k2 >= 0) {
            OpenBlasGemm.gemm(p.delta[k2], false, weights[k2].wxT().colBlock(part.from(), part.n()), false, into, 1f);
        }
        if (j >= 0) {
            CpuKernels.multiplyByDerivative(into, p.act[j].colBlock(part.from(), part.n()), config.activation());
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
            int r0 = CpuLanes.part(d.out, lane, lanes);
            int r1 = CpuLanes.part(d.out, lane + 1, lanes);
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
            int b0 = CpuLanes.part(d.out, lane, lanes);
            int b1 = CpuLanes.part(d.out, lane + 1, lanes);
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
