package org.vaenodes.engine.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A row-major float32 matrix in off-heap memory that both Java loops and OpenBLAS work on without copying: Java
 * reads and writes it through a {@link FloatBuffer} (absolute indices), OpenBLAS through a pointer to the same
 * memory. It may be a window into a larger buffer (a layer's weights inside the flat parameter vector).
 */
final class CpuMatrix {

    final FloatBuffer buf;
    /** Index in {@link #buf} of element (0, 0). */
    final int offset;
    final int rows;
    final int cols;
    /** Row stride in elements. */
    final int ld;
    /** Points at element (0, 0); handed to OpenBLAS. */
    final FloatPointer ptr;

    private CpuMatrix(FloatBuffer buf, FloatPointer base, int offset, int rows, int cols) {
        this.buf = buf;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        this.ld = cols;
        this.ptr = new FloatPointer(base).position(offset);
    }

    /** A new zeroed rows × cols matrix in its own off-heap memory (freed by the garbage collector). */
    static CpuMatrix allocate(int rows, int cols) {
        int n = Math.multiplyExact(rows, cols);
        FloatBuffer b = ByteBuffer.allocateDirect(Math.multiplyExact(Math.max(n, 1), Float.BYTES))
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        return new CpuMatrix(b, new FloatPointer(b), 0, rows, cols);
    }

    /** A rows × cols window starting at element {@code offset} of a flat buffer whose first element is at base. */
    static CpuMatrix window(FloatBuffer flat, Pointer base, long offset, int rows, int cols) {
        if (offset < 0 || offset + (long) rows * cols > flat.capacity()) {
            throw new IndexOutOfBoundsException("window [" + offset + ", +" + rows + "×" + cols + ") outside a "
                    + "buffer of " + flat.capacity());
        }
        return new CpuMatrix(flat, new FloatPointer(base), Math.toIntExact(offset), rows, cols);
    }

    /** Number of elements. */
    int size() {
        return rows * cols;
    }

    float get(int r, int c) {
        return buf.get(offset + r * ld + c);
    }

    /** Copies all elements (row-major) into dst starting at dstFrom. */
    void copyTo(float[] dst, int dstFrom) {
        buf.get(offset, dst, dstFrom, size());
    }

    /** Overwrites all elements (row-major) from src starting at srcFrom. */
    void copyFrom(float[] src, int srcFrom) {
        buf.put(offset, src, srcFrom, size());
    }
}
