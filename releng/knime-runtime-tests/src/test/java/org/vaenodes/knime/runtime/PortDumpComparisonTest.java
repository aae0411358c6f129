package org.vaenodes.knime.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison of two runtimes' port dumps: what counts as the same output and how a difference is named. */
class PortDumpComparisonTest {

    @TempDir
    Path a;
    @TempDir
    Path b;

    /** A double as PortDump writes it. */
    private static String x(double v) {
        return "x" + Long.toHexString(Double.doubleToRawLongBits(v));
    }

    private void write(Path dir, String file, String... lines) throws Exception {
        Files.writeString(dir.resolve("nodes.txt"), "2\tVAE Learner (#2)\n");
        Files.write(dir.resolve(file), List.of(lines));
    }

    @Test
    void doublesWithinTheToleranceAndEqualSpecialValuesAreTheSame() throws Exception {
        write(a, "2-2.dump", "table\tsEpoch", "row\tsr1\t" + x(1.0) + "\t[" + x(0.0) + " " + x(0.5) + "]\t"
            + x(Double.NaN) + "\t~\t" + x(1e-300));
        write(b, "2-2.dump", "table\tsEpoch", "row\tsr1\t" + x(1.0000005) + "\t[" + x(-0.0) + " " + x(0.5) + "]\t"
            + x(Double.NaN) + "\t~\t" + x(3e-300));
        PortDumpComparison.Result r = PortDumpComparison.compare(a, b);
        assertEquals(List.of(), r.differences());
        assertEquals(1, r.ports());
        assertTrue(r.maxRelative() > 4e-7 && r.maxRelative() < 6e-7, r.summary());
    }

    @Test
    void aDifferenceIsNamedByNodePortAndLine() throws Exception {
        write(a, "2-1.dump", "model", "parameters\t" + x(0.25) + "\t" + x(0.5));
        write(b, "2-1.dump", "model", "parameters\t" + x(0.25) + "\t" + x(0.5001));
        List<String> d = PortDumpComparison.compare(a, b).differences();
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("VAE Learner (#2) port 1, line 2 (parameters " + x(0.25) + "): value 2: 0.5 vs "
            + "0.5001"), d.get(0));
    }

    @Test
    void exactValuesMustBeExact() throws Exception {
        write(a, "2-2.dump", "row\tsr1\ti3\tpng:ab", "row\tsr2\ti4\tpng:cd");
        write(b, "2-2.dump", "row\tsr1\ti3\tpng:ab", "row\tsr2\ti4\tpng:ce");
        assertEquals(1, PortDumpComparison.compare(a, b).differences().size());
    }

    @Test
    void aMissingPortOrLineIsADifference() throws Exception {
        write(a, "2-1.dump", "image\tpng:ab");
        write(a, "2-2.dump", "row\tsr1", "row\tsr2");
        write(b, "2-2.dump", "row\tsr1");
        List<String> d = PortDumpComparison.compare(a, b).differences();
        assertEquals(2, d.size(), d.toString());
        assertTrue(d.get(0).contains("port 1: only the first runtime produced it"), d.get(0));
        assertTrue(d.get(1).contains("the second has fewer lines"), d.get(1));
    }
}
