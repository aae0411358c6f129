package org.vaenodes.knime.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compares the port dumps two runtimes wrote for one flow (the format of org.vaenodes.knime's test class PortDump,
 * one {@code <node>-<port>.dump} per port and a {@code nodes.txt}): every port both have, line by line and value by
 * value; doubles within a relative {@value #TOLERANCE}, everything else (integers, strings, PNG digests) exactly.
 * A port only one runtime produced is a difference too.
 */
final class PortDumpComparison {

    static final double TOLERANCE = 1e-6;
    /** Differences this small count as none: relative differences of values near zero mean nothing. */
    static final double ABSOLUTE_FLOOR = 1e-12;
    private static final int SHOWN_PER_PORT = 3;

    /** What was compared and every difference, named by node and port. */
    record Result(int ports, long lines, long values, double maxRelative, List<String> differences) {

        String summary() {
            return ports + " ports, " + lines + " lines, " + values + " values compared; largest relative difference "
                + (maxRelative == 0 ? "0" : String.format("%.2g", maxRelative))
                + (differences.isEmpty() ? "" : "; " + differences.size() + " DIFFERENCES");
        }
    }

    private final Map<String, String> labels = new LinkedHashMap<>();
    private long lines;
    private long values;
    private double maxRelative;

    private PortDumpComparison() {
    }

    static Result compare(Path expectedDir, Path actualDir) throws IOException {
        PortDumpComparison c = new PortDumpComparison();
        c.readLabels(expectedDir);
        c.readLabels(actualDir);
        TreeSet<String> files = new TreeSet<>(dumps(expectedDir));
        files.addAll(dumps(actualDir));
        List<String> differences = new ArrayList<>();
        for (String f : files) {
            Path a = expectedDir.resolve(f);
            Path b = actualDir.resolve(f);
            if (!Files.exists(a) || !Files.exists(b)) {
                differences.add(c.port(f) + ": only " + (Files.exists(a) ? "the first" : "the second")
                    + " runtime produced it");
            } else {
                differences.addAll(c.compareFiles(f, a, b));
            }
        }
        return new Result(files.size(), c.lines, c.values, c.maxRelative, differences);
    }

    private static List<String> dumps(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dump")).toList();
        }
    }

    private void readLabels(Path dir) throws IOException {
        Path f = dir.resolve("nodes.txt");
        if (Files.isRegularFile(f)) {
            for (String l : Files.readAllLines(f)) {
                String[] p = l.split("\t", 2);
                if (p.length == 2) {
                    labels.putIfAbsent(p[0], p[1]);
                }
            }
        }
    }

    /** "VAE Learner (#2) port 2" for "2-2.dump". */
    private String port(String file) {
        String[] p = file.replace(".dump", "").split("-");
        return labels.getOrDefault(p[0], "node #" + p[0]) + " port " + p[1];
    }

    private List<String> compareFiles(String name, Path a, Path b) throws IOException {
        List<String> out = new ArrayList<>();
        int extra = 0;
        try (BufferedReader ra = Files.newBufferedReader(a, StandardCharsets.UTF_8);
                BufferedReader rb = Files.newBufferedReader(b, StandardCharsets.UTF_8)) {
            for (long line = 1;; line++) {
                String la = ra.readLine();
                String lb = rb.readLine();
                if (la == null && lb == null) {
                    break;
                }
                lines++;
                String problem = la == null || lb == null
                    ? (la == null ? "the first" : "the second") + " has fewer lines (ends before line " + line + ")"
                    : compareLines(la, lb);
                if (problem != null) {
                    if (out.size() < SHOWN_PER_PORT) {
                        out.add(port(name) + ", line " + line + " (" + head(la != null ? la : lb) + "): " + problem);
                    } else {
                        extra++;
                    }
                    if (la == null || lb == null) {
                        break;
                    }
                }
            }
        }
        if (extra > 0) {
            out.add(port(name) + ": " + extra + " more lines differ");
        }
        return out;
    }

    private static String head(String line) {
        String[] t = line.split("\t", 3);
        return t.length > 1 ? t[0] + " " + t[1] : t[0];
    }

    /** @return null if equal within the tolerance, else what differs */
    private String compareLines(String la, String lb) {
        if (la.equals(lb)) {
            values += la.chars().filter(ch -> ch == '\t' || ch == ' ').count();
            return null;
        }
        String[] ta = tokens(la);
        String[] tb = tokens(lb);
        if (ta.length != tb.length) {
            return ta.length + " values vs " + tb.length;
        }
        for (int i = 0; i < ta.length; i++) {
            values++;
            if (ta[i].equals(tb[i])) {
                continue;
            }
            if (ta[i].startsWith("x") && tb[i].startsWith("x")) {
                if (closeEnough(ta[i], tb[i])) {
                    continue;
                }
                return "value " + i + ": " + decimal(ta[i]) + " vs " + decimal(tb[i]);
            }
            return "value " + i + ": " + ta[i] + " vs " + tb[i];
        }
        return null;
    }

    /** A double token ("x" and the hexadecimal of its bits) as a double. */
    static double value(String token) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(token.substring(1), 16));
    }

    private static String decimal(String token) {
        try {
            return Double.toString(value(token));
        } catch (NumberFormatException e) {
            return token;
        }
    }

    /**
     * Whether two double tokens ("x…") agree within {@link #TOLERANCE} relative, or are equal (0 and -0, both NaN);
     * values below {@link #ABSOLUTE_FLOOR} count as zero. Records the largest relative difference seen.
     */
    private boolean closeEnough(String a, String b) {
        double x;
        double y;
        try {
            x = value(a);
            y = value(b);
        } catch (NumberFormatException e) {
            return false; // not a number on one side: a difference, reported with both tokens
        }
        if (x == y || (Double.isNaN(x) && Double.isNaN(y))) {
            return true;
        }
        double diff = Math.abs(x - y);
        if (diff <= ABSOLUTE_FLOOR) {
            return true;
        }
        double rel = diff / Math.max(Math.abs(x), Math.abs(y));
        maxRelative = Math.max(maxRelative, Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel);
        return rel <= TOLERANCE;
    }

    /** Values of a line: tab-separated, list cells ("[x1 x2 …]") opened into their elements. */
    private static String[] tokens(String line) {
        List<String> out = new ArrayList<>();
        for (String t : line.split("\t", -1)) {
            if (t.startsWith("[") && t.endsWith("]")) {
                out.add("[");
                for (String e : t.substring(1, t.length() - 1).split(" ")) {
                    out.add(e);
                }
                out.add("]");
            } else {
                out.add(t);
            }
        }
        return out.toArray(String[]::new);
    }
}
