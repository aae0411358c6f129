package org.vaenodes.engine.train.cpu;

import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * Off-heap buffers of one {@link CpuTrainingSteps} pass over a fixed number of rows, reused batch after batch. A pass
 * over a whole batch can be cut into {@link #slice row slices} that share its memory, one per lane.
 */
final class CpuPass {

    final int rows;
    final CpuMatrix x;
    /** One-hot labels, or null for an unconditional VAE. */
    final CpuMatrix y;
    final CpuMatrix[] act;
    final CpuMatrix z;
    final CpuMatrix eps;
    final CpuMatrix std;
    final double[] rowLoss;
    final double[] rowKl;
    /** Training only (else null): ∂objective/∂(pre-activation) per layer, and ∂recon/∂z. */
    final CpuMatrix[] delta;
    final CpuMatrix dz;

    CpuPass(Network network, int rows, boolean training) {
        this.rows = rows;
        VaeConfig c = network.config();
        int l = c.latentSize();
        x = CpuMatrix.allocate(rows, c.inputSize());
        y = c.numClasses() > 0 ? CpuMatrix.allocate(rows, c.numClasses()) : null;
        act = new CpuMatrix[network.layers().length];
        for (int k = 0; k < act.length; k++) {
            act[k] = CpuMatrix.allocate(rows, network.layers()[k].out);
        }
        z = CpuMatrix.allocate(rows, l);
        eps = CpuMatrix.allocate(rows, l);
        std = CpuMatrix.allocate(rows, l);
        rowLoss = new double[rows];
        rowKl = new double[rows];
        if (training) {
            delta = new CpuMatrix[act.length];
            for (int k = 0; k < act.length; k++) {
                delta[k] = CpuMatrix.allocate(rows, network.layers()[k].out);
            }
            dz = CpuMatrix.allocate(rows, l);
        } else {
            delta = null;
            dz = null;
        }
    }

    private CpuPass(CpuPass whole, int from, int n) {
        rows = n;
        x = whole.x.rowBlock(from, n);
        y = whole.y == null ? null : whole.y.rowBlock(from, n);
        act = rowBlocks(whole.act, from, n);
        z = whole.z.rowBlock(from, n);
        eps = whole.eps.rowBlock(from, n);
        std = whole.std.rowBlock(from, n);
        rowLoss = new double[n];
        rowKl = new double[n];
        delta = whole.delta == null ? null : rowBlocks(whole.delta, from, n);
        dz = whole.dz == null ? null : whole.dz.rowBlock(from, n);
    }

    /** Rows [from, from + n) of this pass, sharing its memory (with their own per-row loss arrays). */
    CpuPass slice(int from, int n) {
        return new CpuPass(this, from, n);
    }

    private static CpuMatrix[] rowBlocks(CpuMatrix[] ms, int from, int n) {
        CpuMatrix[] out = new CpuMatrix[ms.length];
        for (int i = 0; i < ms.length; i++) {
            out[i] = ms[i].rowBlock(from, n);
        }
        return out;
    }
}
