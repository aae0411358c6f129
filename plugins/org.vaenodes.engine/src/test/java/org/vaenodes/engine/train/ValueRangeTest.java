package org.vaenodes.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.vaenodes.engine.spec.Likelihood;

/** The value range measured while rows are written, and the checks and fingerprint that use or pass over them. */
class ValueRangeTest {

    @Test
    void measuresTheSmallestAndLargestValueAsFloatComparisonDoes() {
        Random rnd = new Random(3);
        float[] v = new float[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextGaussian() * 1e3);
        }
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 10; i < 900; i++) {
            lo = Math.min(lo, v[i]);
            hi = Math.max(hi, v[i]);
        }
        assertEquals(new ValueRange(lo, hi), ValueRange.of(v, 10, 900));
        assertEquals(ValueRange.EMPTY, ValueRange.of(v, 5, 5));
        float[] edges = {-0f, 0f, 1f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -Float.MIN_VALUE};
        assertEquals(new ValueRange(-0f, 1f), ValueRange.of(edges, 0, 3));
        assertEquals(new ValueRange(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY), ValueRange.of(edges, 0, 5));
        assertEquals(new ValueRange(-Float.MIN_VALUE, 1f), ValueRange.of(edges, 1, 3).union(ValueRange.of(edges, 5, 6))
                .union(ValueRange.EMPTY));
    }

    @Test
    void aNaNOrAValueOutsideTheUnitIntervalMakesTheRangeUnfit() {
        assertTrue(new ValueRange(-0f, 1f).suits(Likelihood.BERNOULLI));
        assertFalse(new ValueRange(0f, 1.0000001f).suits(Likelihood.BERNOULLI));
        assertFalse(new ValueRange(-Float.MIN_VALUE, 1f).suits(Likelihood.BERNOULLI));
        assertTrue(new ValueRange(-3e38f, 3e38f).suits(Likelihood.GAUSSIAN));
        assertFalse(new ValueRange(Float.NEGATIVE_INFINITY, 0f).suits(Likelihood.GAUSSIAN));
        for (float nan : new float[] {Float.NaN, Float.intBitsToFloat(0xFFC00001)}) { // positive and negative NaN
            ValueRange r = ValueRange.of(new float[] {0.5f, nan, 0.25f}, 0, 3);
            assertFalse(r.suits(Likelihood.BERNOULLI), r.toString());
            assertFalse(r.suits(Likelihood.GAUSSIAN), r.toString());
            assertFalse(ValueRange.of(new float[] {0.5f}, 0, 1).union(r).suits(Likelihood.GAUSSIAN));
        }
    }

    @Test
    void aKnownRangeSparesThePassButAnUnfitOneStillNamesTheRow() {
        float[] x = {0f, 0.5f, 1f, 0.25f, 2f, 0.75f};
        TrainingData unknown = new TrainingData(x, 3, 2, null);
        assertTrue(unknown.whyNotFor(Likelihood.BERNOULLI).contains("row 3 has 2.0"));
        TrainingData measured = new TrainingData(x, 3, 2, null, ValueRange.of(x, 0, x.length));
        assertTrue(measured.whyNotFor(Likelihood.BERNOULLI).contains("row 3 has 2.0"));
        assertNull(measured.whyNotFor(Likelihood.GAUSSIAN));
        // the range is what the writer measured: it answers without looking at the values again
        assertNull(new TrainingData(x, 3, 2, null, new ValueRange(0f, 1f)).whyNotFor(Likelihood.BERNOULLI));
    }

    @Test
    void theFingerprintHashesTheValuesAsLittleEndianFloatsAfterTheShape() throws Exception {
        Random rnd = new Random(7);
        int n = 50;
        int d = 700; // 35,000 values: more than the 64 KB buffer the fingerprint fills, so it is flushed midway
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        assertEquals(sha256(x, n, d, labels), Trainer.fingerprint(new TrainingData(x, n, d, labels)));
        assertEquals(sha256(x, n, d, null), Trainer.fingerprint(new TrainingData(x, n, d, null)));
    }

    /** The digest written out plainly, byte by byte, as the provenance documents it. */
    private static String sha256(float[] x, int n, int d, int[] labels) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeLittleEndian(out, n);
            writeLittleEndian(out, d);
            for (float v : x) {
                writeLittleEndian(out, Float.floatToIntBits(v));
            }
            if (labels != null) {
                for (int l : labels) {
                    writeLittleEndian(out, l);
                }
            }
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
    }

    private static void writeLittleEndian(DataOutputStream out, int v) throws IOException {
        out.writeInt(Integer.reverseBytes(v));
    }
}
