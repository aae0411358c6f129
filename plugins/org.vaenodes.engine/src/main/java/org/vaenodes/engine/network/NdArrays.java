package org.vaenodes.engine.network;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Copies between Java arrays and the flat data of ND4J arrays, float or double. */
public final class NdArrays {

    private NdArrays() {
    }

    /** Frees the off-heap memory of arrays that own theirs (views and null are skipped). */
    public static void free(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    /** Frees the arrays of every pass in {@code passes} and forgets them. */
    public static void freeAll(java.util.Map<Integer, Pass> passes) {
        for (Pass p : passes.values()) {
            p.close();
        }
        passes.clear();
    }

    /** Copies src[from, from+len) into the flat data of arr starting at element dstOffset. */
    public static void writeRows(INDArray arr, long dstOffset, float[] src, int from, int len) {
        if (arr.dataType() == DataType.DOUBLE) {
            DoubleBuffer db = arr.data().asNioDouble();
            db.position(Math.toIntExact(arr.offset() + dstOffset));
            for (int i = 0; i < len; i++) {
                db.put(src[from + i]);
            }
        } else {
            FloatBuffer fb = arr.data().asNioFloat();
            fb.position(Math.toIntExact(arr.offset() + dstOffset));
            fb.put(src, from, len);
        }
    }

    /** Copies the first len values of a contiguous array into dst[dstFrom…]. */
    public static void readRows(INDArray arr, float[] dst, long dstFrom, int len) {
        if (arr.dataType() == DataType.DOUBLE) {
            DoubleBuffer db = arr.data().asNioDouble();
            db.position(Math.toIntExact(arr.offset()));
            for (int i = 0; i < len; i++) {
                dst[Math.toIntExact(dstFrom + i)] = (float) db.get();
            }
        } else {
            FloatBuffer fb = arr.data().asNioFloat();
            fb.position(Math.toIntExact(arr.offset()));
            fb.get(dst, Math.toIntExact(dstFrom), len);
        }
    }

    /** Copies a vector's values into dst[from…]. */
    public static void copyRows(INDArray vector, double[] dst, int from) {
        double[] v = vector.toDoubleVector();
        System.arraycopy(v, 0, dst, from, v.length);
    }
}
