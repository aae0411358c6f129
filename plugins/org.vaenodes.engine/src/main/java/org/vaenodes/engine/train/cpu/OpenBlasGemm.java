package org.vaenodes.engine.train.cpu;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * C = op(A)·op(B) + β·C in float32 through the OpenBLAS library that ND4J's CPU backend loads, called directly on
 * {@link CpuMatrix} memory. Going around ND4J's op dispatch saves tens of microseconds per call, which is most of
 * the cost of the 20-wide products of a VAE's latent layer.
 */
final class OpenBlasGemm {

    private OpenBlasGemm() {
    }

    /** Null if OpenBLAS's cblas_sgemm can be called here, else why not (its JavaCPP bindings did not load). */
    static String whyNotAvailable() {
        try {
            org.bytedeco.javacpp.Loader.load(openblas_nolapack.class);
            return null;
        } catch (RuntimeException | LinkageError e) {
            return "OpenBLAS could not be called directly (" + e + ")";
        }
    }

    static void gemm(CpuMatrix a, boolean transA, CpuMatrix b, boolean transB, CpuMatrix c, float beta) {
        int m = transA ? a.cols : a.rows;
        int k = transA ? a.rows : a.cols;
        int n = transB ? b.rows : b.cols;
        int kb = transB ? b.cols : b.rows;
        if (k != kb || c.rows != m || c.cols != n) {
            throw new IllegalArgumentException("gemm shapes do not fit: op(A) " + m + "×" + k + ", op(B) " + kb + "×"
                    + n + ", C " + c.rows + "×" + c.cols);
        }
        if (m == 0 || n == 0) {
            return;
        }
        openblas_nolapack.cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans, m, n, k, 1f, a.ptr, a.ld, b.ptr, b.ld, beta, c.ptr, c.ld);
    }
}
