package org.vaenodes.engine.train.cpu;

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
    /** Points at element 0 of {@link #buf}. */
    private final FloatPointer base;

    private CpuMatrix(FloatBuffer buf, FloatPointer base, int offset, int rows, int cols, int ld) {
        this.buf = buf;
        this.base = base;
        this.offset = offset;
        this.rows = rows;
        this.cols = cols;
        this.ld = ld;
        this.ptr = new FloatPointer(base).position(offset);
    }

    /** A new zeroed rows × cols matrix in its own off-heap memory (freed by the garbage collector). */
    static CpuMatrix allocate(int rows, int cols) {
        int n = Math.multiplyExact(rows, cols);
        FloatBuffer b = ByteBuffer.allocateDirect(Math.multiplyExact(Math.max(n, 1), Float.BYTES))
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        return new CpuMatrix(b, new FloatPointer(b), 0, rows, cols, cols);
    }

    /** A rows × cols window starting at element {@code offset} of a flat buffer whose first element is at base. */
    static CpuMatrix window(FloatBuffer flat, Pointer base, long offset, int rows, int cols) {
        if (offset < 0 || offset + (long) rows * cols > flat.capacity()) {
            throw new IndexOutOfBoundsException("window [" + offset + ", +" + rows + "×" + cols + ") outside a "
                    + "buffer of " + flat.capacity());
        }
        return new CpuMatrix(flat, new FloatPointer(base), Math.toIntExact(offset), rows, cols, cols);
    }

    /** Rows [from, from + n) of this matrix, same memory. */
    CpuMatrix rowBlock(int from, int n) {
        if (from < 0 || n < 0 || from + n > rows) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + (from + n) + ") of " + rows);
        }
        return new CpuMatrix(buf, base, offset + from * ld, n, cols, ld);
    }

    /** Columns [from, from + n) of this matrix, same memory (row stride stays that of this matrix). */
    CpuMatrix colBlock(int from, int n) {
        if (from < 0 || n < 0 || from + n > cols) {
            throw new IndexOutOfBoundsException("columns [" + from + ", " + (from + n) + ") of " + cols);
        }
        return new CpuMatrix(buf, base, offset + from, rows, n, ld);
    }

    /** The first rows × cols values of this contiguous matrix, seen as a rows × cols matrix (same memory). */
    CpuMatrix front(int rows, int cols) {
        requireContiguous();
        if ((long) rows * cols > size()) {
            throw new IndexOutOfBoundsException(rows + "×" + cols + " does not fit into " + this.rows + "×"
                    + this.cols);
        }
        return new CpuMatrix(buf, base, offset, rows, cols, cols);
    }

    /** True if the rows follow each other without gaps (one copy of {@link #size()} values is valid). */
    private boolean contiguous() {
        return ld == cols || rows <= 1;
    }

    /** Number of elements. */
    int size() {
        return rows * cols;
    }

    /** Copies all elements (row-major) into dst starting at dstFrom. */
    void copyTo(float[] dst, int dstFrom) {
        requireContiguous();
        buf.get(offset, dst, dstFrom, size());
    }

    /** Overwrites all elements (row-major) from src starting at srcFrom. */
    void copyFrom(float[] src, int srcFrom) {
        requireContiguous();
        buf.put(offset, src, srcFrom, size());
    }

    private void requireContiguous() {
        if (!contiguous()) {
            throw new IllegalStateException("a column block is not contiguous");
        }
    }
}
