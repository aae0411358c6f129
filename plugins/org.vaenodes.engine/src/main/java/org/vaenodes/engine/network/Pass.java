package org.vaenodes.engine.network;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * Pre-allocated arrays for a forward (and optionally backward) pass over a fixed number of rows, reused batch
 * after batch so that training allocates nothing per step. Engine thread only; {@link #close()} frees the
 * off-heap memory at once.
 */
public final class Pass implements AutoCloseable {

    public final INDArray x;
    public final INDArray y;
    public final INDArray ones;
    public final INDArray[] act;
    public final INDArray z;
    public final INDArray eps;
    public final INDArray std;
    public final INDArray scratch1;
    public final INDArray scratch2;
    public final INDArray scratchL;
    public final INDArray scratchL2;
    // training only
    public final INDArray[] delta;
    public final INDArray[] scratchAct;
    public final INDArray dz;

    private final float[] labelStage;
    private final List<INDArray> owned = new ArrayList<>();

    public Pass(Network network, int rows, boolean training) {
        VaeConfig c = network.config();
        int d = c.inputSize();
        int l = c.latentSize();
        x = alloc(network.dtype(), rows, d);
        y = c.numClasses() > 0 ? alloc(network.dtype(), rows, c.numClasses()) : null;
        labelStage = y == null ? null : new float[rows * c.numClasses()];
        ones = alloc(network.dtype(), 1, rows).assign(1.0);
        act = new INDArray[network.layers().length];
        for (int k = 0; k < act.length; k++) {
            act[k] = alloc(network.dtype(), rows, network.layers()[k].out);
        }
        z = alloc(network.dtype(), rows, l);
        eps = alloc(network.dtype(), rows, l);
        std = alloc(network.dtype(), rows, l);
        scratch1 = alloc(network.dtype(), rows, d);
        scratch2 = alloc(network.dtype(), rows, d);
        scratchL = alloc(network.dtype(), rows, l);
        scratchL2 = alloc(network.dtype(), rows, l);
        if (training) {
            delta = new INDArray[act.length];
            scratchAct = new INDArray[act.length];
            for (int k = 0; k < act.length; k++) {
                delta[k] = alloc(network.dtype(), rows, network.layers()[k].out);
                boolean hidden = k < network.encoderLayers() || (k >= network.firstDecLayer() && k < network.outLayer());
                scratchAct[k] = hidden ? alloc(network.dtype(), rows, network.layers()[k].out) : null;
            }
            dz = alloc(network.dtype(), rows, l);
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
    public void loadX(float[] data, int from, int n) {
        int d = (int) x.size(1);
        NdArrays.writeRows(x, 0, data, from * d, n * d);
    }

    /** Gathers the rows order[from … from + n) of a row-major float array. */
    public void gatherX(float[] data, int[] order, int from, int n) {
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
    public void loadLabels(int[] labels, int[] order, int from, int n) {
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

    public void loadLabels(int[] labels, int from, int n) {
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
