package org.vaenodes.engine.train.cpu;

/**
 * e^x in double precision as plain arithmetic, so that the JIT vectorises a loop over it: {@link Math#exp} is a call
 * into a scalar routine, one value at a time, and was the single most expensive part of the Bernoulli output layer.
 *
 * <p>How: e^x = (e^(x/256))^256. For |x| ≤ 177 the reduced argument lies in [−ln 2, ln 2], where the Taylor polynomial
 * of degree 13 is accurate to ~1e-14; eight squarings then give e^x to within 5e-11 relative (float32, the precision
 * of the network, resolves 6e-8). Outside ±177 the argument is clamped: e^±177 is already beyond what any float32
 * result of this layer can tell apart from e^±∞ (1 + e^−177 rounds to 1; 1/(1 + e^177) to 0).
 */
final class FastExp {

    /** Largest |x| computed; beyond it the result is that of ±LIMIT. */
    static final double LIMIT = 177.0;

    private static final double C2 = 1.0 / 2;
    private static final double C3 = 1.0 / 6;
    private static final double C4 = 1.0 / 24;
    private static final double C5 = 1.0 / 120;
    private static final double C6 = 1.0 / 720;
    private static final double C7 = 1.0 / 5_040;
    private static final double C8 = 1.0 / 40_320;
    private static final double C9 = 1.0 / 362_880;
    private static final double C10 = 1.0 / 3_628_800;
    private static final double C11 = 1.0 / 39_916_800;
    private static final double C12 = 1.0 / 479_001_600;
    private static final double C13 = 1.0 / 6_227_020_800.0;

    private FastExp() {
    }

    /** e^x for |x| ≤ {@link #LIMIT} (relative error below 5e-11), e^(±LIMIT) beyond. */
    static double exp(double x) {
        double y = Math.max(-LIMIT, Math.min(x, LIMIT)) * (1.0 / 256);
        double p = C13 * y + C12;
        p = p * y + C11;
        p = p * y + C10;
        p = p * y + C9;
        p = p * y + C8;
        p = p * y + C7;
        p = p * y + C6;
        p = p * y + C5;
        p = p * y + C4;
        p = p * y + C3;
        p = p * y + C2;
        p = p * y + 1.0;
        p = p * y + 1.0;
        // (e^y)^256
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        p *= p;
        return p;
    }
}
