package org.vaenodes.engine.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vaenodes.engine.spec.Activation;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * The VAE's forward and backward passes as ND4J operations on a network's parameter views: inference everywhere,
 * and training where the fast CPU kernels do not apply (CUDA, double precision for gradient checks). Works on the
 * arrays of a {@link Pass}; engine thread only.
 */
public final class Nd4jVaeMath {

    private final Network network;
    private final VaeConfig config;
    private final Dense.Views[] views;
    private final int numEnc;

    public Nd4jVaeMath(Network network) {
        this.network = network;
        this.config = network.config();
        this.views = network.views();
        this.numEnc = network.encoderLayers();
    }

    /** Full forward pass: encoder, z (sampled with pass.eps or the mean), decoder logits. */
    public void forward(Pass p, boolean sample) {
        runEncoder(p);
        reparameterise(p, sample);
        runDecoder(p);
    }

    public void runEncoder(Pass p) {
        INDArray in = p.x;
        for (int i = 0; i < numEnc; i++) {
            dense(i, in, p);
            activate(p.act[i]);
            in = p.act[i];
        }
        dense(network.muLayer(), in, p);
        dense(network.lvLayer(), in, p);
    }

    public void reparameterise(Pass p, boolean sample) {
        INDArray mu = p.act[network.muLayer()];
        if (!sample) {
            p.z.assign(mu);
            return;
        }
        p.std.assign(p.act[network.lvLayer()]).muli(0.5);
        Transforms.exp(p.std, false);
        p.z.assign(p.eps).muli(p.std).addi(mu);
    }

    public void runDecoder(Pass p) {
        INDArray in = p.z;
        for (int k = network.firstDecLayer(); k < network.outLayer(); k++) {
            dense(k, in, p);
            activate(p.act[k]);
            in = p.act[k];
        }
        dense(network.outLayer(), in, p);
    }

    private void dense(int k, INDArray in, Pass p) {
        Dense.Views v = views[k];
        INDArray out = p.act[k];
        Nd4j.gemm(in, v.wx(), out, false, false, 1.0, 0.0);
        if (v.wy() != null) {
            Nd4j.gemm(p.y, v.wy(), out, false, false, 1.0, 1.0);
        }
        out.addiRowVector(v.b());
    }

    private void activate(INDArray a) {
        switch (config.activation()) {
            case RELU -> Transforms.relu(a, false);
            case LEAKY_RELU -> Transforms.leakyRelu(a, Activation.LEAKY_SLOPE, false);
            case TANH -> Transforms.tanh(a, false);
            case SIGMOID -> Transforms.sigmoid(a, false);
            case ELU -> Transforms.elu(a, false);
            default -> throw new AssertionError();
        }
    }

    /** g ⊙= f'(pre), computed from the activation output a = f(pre); s is scratch of a's shape. */
    public void multiplyByDerivative(INDArray g, INDArray a, INDArray s) {
        switch (config.activation()) {
            case RELU -> {
                s.assign(a);
                Transforms.step(s, false);
            }
            case LEAKY_RELU -> {
                s.assign(a);
                Transforms.step(s, false);
                s.muli(1 - Activation.LEAKY_SLOPE).addi(Activation.LEAKY_SLOPE);
            }
            case TANH -> s.assign(a).muli(a).rsubi(1.0);
            case SIGMOID -> s.assign(a).rsubi(1.0).muli(a);
            case ELU -> {
                s.assign(a);
                Transforms.min(s, 0.0, false);
                s.addi(1.0);
            }
            default -> throw new AssertionError();
        }
        g.muli(s);
    }

    /** In place: logits → means (sigmoid for Bernoulli; identity for Gaussian). */
    public void toMeans(INDArray out) {
        if (config.likelihood() == Likelihood.BERNOULLI) {
            Transforms.sigmoid(out, false);
        }
    }

    /** −log p(x | z) per row [rows]; uses the pass's scratch arrays. Caller closes the result. */
    public INDArray reconRows(Pass p) {
        INDArray l = p.act[network.outLayer()];
        INDArray s1 = p.scratch1;
        INDArray s2 = p.scratch2;
        if (config.likelihood() == Likelihood.BERNOULLI) {
            // softplus(l) − x·l, computed stably as max(l, 0) − x·l + log1p(exp(−|l|))
            s1.assign(l);
            Transforms.abs(s1, false);
            s1.negi();
            Transforms.exp(s1, false);
            Transforms.log1p(s1, false);
            s2.assign(l);
            Transforms.relu(s2, false);
            s1.addi(s2);
            s2.assign(l).muli(p.x);
            s1.subi(s2);
            return s1.sum(1);
        }
        s1.assign(l).subi(p.x);
        s1.muli(s1);
        return s1.sum(1).addi(config.inputSize() * Network.HALF_LN_PI);
    }

    /** KL(q(z|x) ‖ N(0, I)) per row [rows]. Caller closes the result. */
    public INDArray klRows(Pass p) {
        INDArray mu = p.act[network.muLayer()];
        INDArray lv = p.act[network.lvLayer()];
        INDArray s = p.scratchL;
        // ½ Σ (σ² + μ² − 1 − log σ²)
        s.assign(lv);
        Transforms.exp(s, false);
        s.subi(lv).subi(1.0);
        p.scratchL2.assign(mu).muli(mu);
        s.addi(p.scratchL2);
        return s.sum(1).muli(0.5);
    }

    /**
     * Backward pass of the objective Σ_rows (recon + β·KL) into the flat gradient vector g (same layout as the
     * parameters, every entry overwritten). Needs a training pass after {@link #forward} with sampling.
     */
    public void backward(Pass p, Dense.Views[] g) {
        double beta = config.beta();
        int out = network.outLayer();
        INDArray dOut = p.delta[out];
        if (config.likelihood() == Likelihood.BERNOULLI) {
            dOut.assign(p.act[out]);
            Transforms.sigmoid(dOut, false);
            dOut.subi(p.x);
        } else {
            dOut.assign(p.act[out]).subi(p.x).muli(2.0);
        }
        // decoder, top down
        for (int k = out; k >= network.firstDecLayer(); k--) {
            INDArray in = k == network.firstDecLayer() ? p.z : p.act[k - 1];
            gradients(k, in, p, g);
            if (k > network.firstDecLayer()) {
                Nd4j.gemm(p.delta[k], views[k].wx(), p.delta[k - 1], false, true, 1.0, 0.0);
                multiplyByDerivative(p.delta[k - 1], p.act[k - 1], p.scratchAct[k - 1]);
            } else {
                Nd4j.gemm(p.delta[k], views[k].wx(), p.dz, false, true, 1.0, 0.0);
            }
        }
        // through the reparameterisation and the KL term
        INDArray mu = p.act[network.muLayer()];
        INDArray lv = p.act[network.lvLayer()];
        INDArray dMu = p.delta[network.muLayer()];
        INDArray dLv = p.delta[network.lvLayer()];
        dMu.assign(mu).muli(beta).addi(p.dz);
        // dLv = ½ (dz ⊙ ε ⊙ σ + β (σ² − 1))
        dLv.assign(p.std).muli(p.std).subi(1.0).muli(beta);
        p.scratchL.assign(p.dz).muli(p.eps).muli(p.std);
        dLv.addi(p.scratchL).muli(0.5);
        INDArray encOut = numEnc == 0 ? p.x : p.act[numEnc - 1];
        gradients(network.muLayer(), encOut, p, g);
        gradients(network.lvLayer(), encOut, p, g);
        if (numEnc == 0) {
            return;
        }
        int top = numEnc - 1;
        Nd4j.gemm(dMu, views[network.muLayer()].wx(), p.delta[top], false, true, 1.0, 0.0);
        Nd4j.gemm(dLv, views[network.lvLayer()].wx(), p.delta[top], false, true, 1.0, 1.0);
        multiplyByDerivative(p.delta[top], p.act[top], p.scratchAct[top]);
        for (int k = top; k >= 0; k--) {
            INDArray in = k == 0 ? p.x : p.act[k - 1];
            gradients(k, in, p, g);
            if (k > 0) {
                Nd4j.gemm(p.delta[k], views[k].wx(), p.delta[k - 1], false, true, 1.0, 0.0);
                multiplyByDerivative(p.delta[k - 1], p.act[k - 1], p.scratchAct[k - 1]);
            }
        }
    }

    private void gradients(int k, INDArray in, Pass p, Dense.Views[] g) {
        INDArray d = p.delta[k];
        if (g[k].wy() == null) {
            Nd4j.gemm(in, d, g[k].wx(), true, false, 1.0, 0.0);
        } else {
            // strided views (conditional layers) cannot be gemm results: multiply, then copy in
            try (INDArray gx = Nd4j.gemm(in, d, true, false); INDArray gy = Nd4j.gemm(p.y, d, true, false)) {
                g[k].wx().assign(gx);
                g[k].wy().assign(gy);
            }
        }
        Nd4j.gemm(p.ones, d, g[k].b(), false, false, 1.0, 0.0);
    }
}
