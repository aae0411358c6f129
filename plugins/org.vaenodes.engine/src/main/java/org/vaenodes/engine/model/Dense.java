package org.vaenodes.engine.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Position of one fully connected layer inside the flat parameter vector: the weight matrix (inputs × outputs,
 * row-major; its first {@code inX} rows act on the previous layer, the last {@code classes} rows on the one-hot
 * label of a conditional VAE) followed by the bias.
 */
final class Dense {

    final int inX;
    final int classes;
    final int out;
    final long offset;

    Dense(int inX, int classes, int out, long offset) {
        this.inX = inX;
        this.classes = classes;
        this.out = out;
        this.offset = offset;
    }

    long size() {
        return (long) (inX + classes) * out + out;
    }

    long end() {
        return offset + size();
    }

    int fanIn() {
        return inX + classes;
    }

    /** Views of this layer's weights and bias in a flat vector of the parameter layout. */
    Views bind(INDArray flat) {
        DataType t = flat.dataType();
        INDArray wx = Nd4j.create(flat.data(), new long[] {inX, out}, new long[] {out, 1}, offset, 'c', t);
        INDArray wy = classes == 0 ? null
                : Nd4j.create(flat.data(), new long[] {classes, out}, new long[] {out, 1},
                        offset + (long) inX * out, 'c', t);
        INDArray b = Nd4j.create(flat.data(), new long[] {1, out}, new long[] {out, 1},
                offset + (long) (inX + classes) * out, 'c', t);
        return new Views(wx, wy, b);
    }

    record Views(INDArray wx, INDArray wy, INDArray b) {
    }
}
