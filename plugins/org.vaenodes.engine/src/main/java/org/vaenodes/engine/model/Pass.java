package org.vaenodes.engine.model;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pre-allocated arrays for a forward (and optionally backward) pass over a fixed number of rows, reused batch
 * after batch so that training allocates nothing per step. Engine thread only; {@link #close()} frees the
 * off-heap memory at once.
 */
final class Pass implements AutoCloseable {

    final INDArray x;
    final INDArray y;
    final INDArray ones;
    final INDArray[] act;
    final INDArray z;
    final INDArray eps;
    final INDArray std;
    final INDArray scratch1;
    final INDArray scratch2;
    final INDArray scratchL;
    final INDArray scratchL2;
    // training only
    final INDArray[] delta;
    final INDArray[] scratchAct;
    final INDArray dz;

    private final float[] labelStage;
    private final List<INDArray> owned = new ArrayList<>();

    Pass(Vae vae, int rows, boolean training) {
        VaeConfig c = vae.config();
        int d = c.inputSize();
        int l = c.latentSize();
        x = alloc(vae.dtype, rows, d);
        y = c.numClasses() > 0 ? alloc(vae.dtype, rows, c.numClasses()) : null;
        labelStage = y == null ? null : new float[rows * c.numClasses()];
        ones = alloc(vae.dtype, 1, rows).assign(1.0);
        act = new INDArray[vae.layers.length];
        for (int k = 0; k < act.length; k++) {
            act[k] = alloc(vae.dtype, rows, vae.layers[k].out);
        }
        z = alloc(vae.dtype, rows, l);
        eps = alloc(vae.dtype, rows, l);
        std = alloc(vae.dtype, rows, l);
        scratch1 = alloc(vae.dtype, rows, d);
        scratch2 = alloc(vae.dtype, rows, d);
        scratchL = alloc(vae.dtype, rows, l);
        scratchL2 = alloc(vae.dtype, rows, l);
        if (training) {
            delta = new INDArray[act.length];
            scratchAct = new INDArray[act.length];
            for (int k = 0; k < act.length; k++) {
                delta[k] = alloc(vae.dtype, rows, vae.layers[k].out);
                boolean hidden = k < vae.numEnc || (k >= vae.firstDecLayer() && k < vae.outLayer());
                scratchAct[k] = hidden ? alloc(vae.dtype, rows, vae.layers[k].out) : null;
            }
            dz = alloc(vae.dtype, rows, l);
        } else {
            delta = null;
            scratchAct = null;
            dz = null;
        }
    }

    private INDArray alloc(DataType t, long r, long c) {
        INDArray a = Nd4j.create(t, r, c);
        owned.add(a);
        return a;
    }

    /** Loads rows [from, from + n) of a row-major float array (n == rows). */
    void loadX(float[] data, int from, int n) {
        int d = (int) x.size(1);
        NdArrays.writeRows(x, 0, data, from * d, n * d);
    }

    /** Gathers the rows order[from … from + n) of a row-major float array. */
    void gatherX(float[] data, int[] order, int from, int n) {
        int d = (int) x.size(1);
        if (x.dataType() == DataType.DOUBLE) {
            DoubleBuffer db = x.data().asNioDouble();
            for (int r = 0; r < n; r++) {
                int src = order[from + r] * d;
                for (int j = 0; j < d; j++) {
                    db.put(data[src + j]);
                }
            }
        } else {
            FloatBuffer fb = x.data().asNioFloat();
            for (int r = 0; r < n; r++) {
                fb.put(data, order[from + r] * d, d);
            }
        }
    }

    /** Sets the one-hot label rows from labels[from …] (or labels[order[from …]] if order is not null). */
    void loadLabels(int[] labels, int[] order, int from, int n) {
        if (y == null) {
            return;
        }
        int c = (int) y.size(1);
        java.util.Arrays.fill(labelStage, 0f);
        for (int r = 0; r < n; r++) {
            int row = order == null ? from + r : order[from + r];
            labelStage[r * c + labels[row]] = 1f;
        }
        NdArrays.writeRows(y, 0, labelStage, 0, n * c);
    }

    void loadLabels(int[] labels, int from, int n) {
        loadLabels(labels, null, from, n);
    }

    @Override
    public void close() {
        for (INDArray a : owned) {
            if (a.closeable()) {
                a.close();
            }
        }
        owned.clear();
    }
}
