package org.vaenodes.engine.train.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * {@link FastExp} against {@link Math#exp}, and the Bernoulli output layer built on it against the textbook formulas
 * in double precision, including logits far out in both tails.
 */
class FastExpTest {

    @Test
    void agreesWithMathExpWithinFiveTimesTenToTheMinusEleven() {
        double worst = 0;
        for (double x = -FastExp.LIMIT; x <= FastExp.LIMIT; x += 0.000731) {
            worst = Math.max(worst, Math.abs(FastExp.exp(x) / Math.exp(x) - 1));
        }
        assertTrue(worst < 5e-11, "max relative error " + worst);
        assertEquals(1.0, FastExp.exp(0), 1e-14);
        assertEquals(Math.E, FastExp.exp(1), 1e-12);
    }

    @Test
    void clampsBeyondTheLimit() {
        assertEquals(FastExp.exp(FastExp.LIMIT), FastExp.exp(1000));
        assertEquals(FastExp.exp(-FastExp.LIMIT), FastExp.exp(-1e300));
        assertEquals(FastExp.exp(FastExp.LIMIT), FastExp.exp(Double.POSITIVE_INFINITY));
        assertTrue(FastExp.exp(-FastExp.LIMIT) > 0 && 1.0 + FastExp.exp(-FastExp.LIMIT) == 1.0);
    }

    @Test
    void bernoulliOutputMatchesTheFormulas() {
        int rows = 5;
        int cols = 1003; // more than one product run per accumulator, and a tail of three
        Random r = new Random(11);
        CpuMatrix logits = CpuMatrix.allocate(rows, cols);
        CpuMatrix bias = CpuMatrix.allocate(1, cols);
        CpuMatrix x = CpuMatrix.allocate(rows, cols);
        CpuMatrix delta = CpuMatrix.allocate(rows, cols);
        float[] extremes = {0f, -300f, 300f, -40f, 40f, -17.5f, 17.5f, -1e-3f, 88f, -180f};
        for (int i = 0; i < rows * cols; i++) {
            logits.buf.put(i, i < extremes.length ? extremes[i] : (float) (r.nextGaussian() * 8));
            x.buf.put(i, r.nextInt(3) == 0 ? 0f : r.nextFloat());
        }
        for (int c = 0; c < cols; c++) {
            bias.buf.put(c, c < extremes.length ? 0f : (float) r.nextGaussian());
        }
        float[] before = new float[rows * cols];
        logits.buf.get(0, before);
        double[] loss = new double[rows];
        CpuKernels.bernoulliOutput(logits, bias, x, loss, delta);
        for (int row = 0; row < rows; row++) {
            double expected = 0;
            for (int c = 0; c < cols; c++) {
                int i = row * cols + c;
                float l = before[i] + bias.buf.get(c);
                assertEquals(l, logits.buf.get(i), "the bias is added in place");
                double t = x.buf.get(i);
                expected += Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l))) - t * l;
                double sigmoid = 1.0 / (1.0 + Math.exp(-l));
                assertEquals((float) (sigmoid - t), delta.buf.get(i), 1e-7 * Math.max(1, Math.abs(sigmoid - t)),
                        "delta at row " + row + ", logit " + l);
            }
            assertEquals(expected, loss[row], 1e-10 * Math.abs(expected), "loss of row " + row);
        }
        CpuMatrix none = null;
        double[] lossOnly = new double[rows];
        logits.buf.put(0, before);
        CpuKernels.bernoulliOutput(logits, bias, x, lossOnly, none);
        assertEquals(loss[0], lossOnly[0], "without a delta the loss is the same");
    }
}
