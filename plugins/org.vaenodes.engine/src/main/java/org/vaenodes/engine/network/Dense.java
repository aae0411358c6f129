package org.vaenodes.engine.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Position of one fully connected layer inside the flat parameter vector, in Deeplearning4j's layout: the weight
 * matrix [inputs × outputs] in column-major order (so each output unit's incoming weights are contiguous; the first
 * {@code inX} inputs are the previous layer, the last {@code classes} the one-hot label of a conditional VAE),
 * followed by the bias. DL4J's {@code VariationalAutoencoder} layer keeps its parameters exactly so, which lets our
 * kernels train the DL4J network's own parameter vector.
 */
public final class Dense {

    public final int inX;
    public final int classes;
    public final int out;
    public final long offset;

    public Dense(int inX, int classes, int out, long offset) {
        this.inX = inX;
        this.classes = classes;
        this.out = out;
        this.offset = offset;
    }

    public long size() {
        return (long) (inX + classes) * out + out;
    }

    public long end() {
        return offset + size();
    }

    public int fanIn() {
        return inX + classes;
    }

    /** Offset of the bias in the flat vector. */
    public long biasOffset() {
        return offset + (long) fanIn() * out;
    }

    /** Views of this layer's weights [inputs × outputs] and bias [1 × outputs] in a flat vector of the layout. */
    public Views bind(INDArray flat) {
        DataType t = flat.dataType();
        long ld = fanIn();
        // a conditional layer's two weight blocks interleave (each unit's column holds inputs, then labels): their
        // views are strided, element-wise stride 0, which ND4J's gemm refuses as a result (see Nd4jVaeMath.gradients)
        long ews = classes == 0 ? 1 : 0;
        INDArray wx = Nd4j.create(flat.data(), new long[] {inX, out}, new long[] {1, ld}, offset, ews, 'f');
        INDArray wy = classes == 0 ? null
                : Nd4j.create(flat.data(), new long[] {classes, out}, new long[] {1, ld}, offset + inX, 0, 'f');
        INDArray b = Nd4j.create(flat.data(), new long[] {1, out}, new long[] {out, 1}, biasOffset(), 'c', t);
        return new Views(wx, wy, b);
    }

    public record Views(INDArray wx, INDArray wy, INDArray b) {
    }
}
