package org.vaenodes.knime.testflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.image.ImagePortObject;

/**
 * The {@code expected} file of a testflow (ours; KNIME ignores it) and its checks. One assertion per line, ports
 * numbered as in workflow.knime (1 = first data port); see testflows/README.md for the grammar. Beyond the listed
 * lines, every node must execute (unless declared to fail) without an undeclared warning or logged error, as
 * KNIME's testflow runner demands.
 */
final class Expectations {

    private static final Pattern ROWS = Pattern.compile("rows (\\d+):(\\d+) = (\\d+)");
    private static final Pattern IMAGE = Pattern.compile("image (\\d+):(\\d+) = (\\d+)x(\\d+)");
    private static final Pattern CELL_IMAGE = Pattern.compile("cell-image (\\d+):(\\d+) (\\S+) = (\\d+)x(\\d+)");
    private static final Pattern LAST = Pattern.compile("last (\\d+):(\\d+) \"([^\"]+)\" (<=|>=) (\\S+)");
    private static final Pattern FAILS = Pattern.compile("fails (\\d+) ~ (.+)");
    private static final Pattern WARNS = Pattern.compile("warns (\\d+) ~ (.+)");
    private static final Pattern EXPORT = Pattern.compile("export (\\d+):(\\d+)(?: \\[([^\\]]+)\\])? -> (\\S+)");
    private static final Pattern MEAN = Pattern.compile("mean (\\d+):(\\d+) \"([^\"]+)\" (<=|>=) (\\S+)");
    /** Scores of one column against labels of another: {@code "score" by "label" = 8,9}; "score" low: low = positive. */
    private static final String SCORED = "\"([^\"]+)\"( low)? by \"([^\"]+)\" = (\\S+)";
    private static final Pattern AUC = Pattern.compile("auc (\\d+):(\\d+) " + SCORED + " (<=|>=) (\\S+)");
    private static final Pattern EXPORT_SCORES =
        Pattern.compile("export (\\d+):(\\d+) (roc|histogram) " + SCORED + " -> (\\S+)");

    private final List<String> lines;

    private Expectations(List<String> lines) {
        this.lines = lines;
    }

    static Expectations read(Path workflowDir) throws IOException {
        Path f = workflowDir.resolve("expected");
        List<String> lines = new ArrayList<>();
        if (Files.exists(f)) {
            for (String l : Files.readAllLines(f)) {
                String t = l.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    lines.add(t);
                }
            }
        }
        return new Expectations(lines);
    }

    /** How many checks and exports the file lists. */
    int lineCount() {
        return lines.size();
    }

    /** @return every violated expectation, empty if the run is as expected */
    List<String> check(FlowOutcome run) {
        List<String> problems = new ArrayList<>();
        TestflowConfiguration config = run.config();
        Map<Integer, String> failures = declared(FAILS, config.nodeErrors());
        Map<Integer, String> warnings = declared(WARNS, config.nodeWarnings());
        if (config.streamingTest()) {
            problems.add("the Testflow Configuration asks for a streaming run, which this runner cannot do");
        }
        List<String> logged = new ArrayList<>();
        for (FlowOutcome.NodeOutcome r : run.nodes().values()) {
            int id = r.id();
            boolean mustFail = failures.containsKey(id) || config.mustFail(id);
            if (r.status().failed() && !mustFail) {
                problems.add(r.label() + " failed: " + r.message());
            } else if (r.status() == FlowOutcome.Status.NOT_EXECUTED && !run.behindUnexecuted(id)) {
                problems.add(r.label() + " did not execute: " + r.message());
            } else if (mustFail && !r.status().failed()) {
                problems.add(r.label() + " was expected to fail but " + r.status());
            } else if (mustFail && failures.containsKey(id) && !r.message().contains(failures.get(id))) {
                problems.add(r.label() + " failed with \"" + r.message() + "\", expected it to contain \""
                    + failures.get(id) + "\"");
            }
            String w = r.warning();
            if (w != null && !w.isEmpty() && (!warnings.containsKey(id) || !w.contains(warnings.get(id)))) {
                problems.add(r.label() + " has an undeclared warning: " + w);
            }
            if (warnings.containsKey(id) && (w == null || w.isEmpty())) {
                problems.add(r.label() + " was expected to warn \"" + warnings.get(id) + "\" but did not");
            }
            for (String e : r.loggedErrors()) {
                logged.add(e);
                if (!allowedLogError(config, e)) {
                    problems.add(r.label() + " logged an error: " + e);
                }
            }
        }
        for (String required : config.requiredLogErrors()) {
            if (logged.stream().noneMatch(e -> e.contains(required))) {
                problems.add("the Testflow Configuration requires a logged error containing \"" + required
                    + "\"; none was logged");
            }
        }
        for (String l : lines) {
            checkLine(l, run, problems);
        }
        return problems;
    }

    /** Whether the Testflow Configuration allows (requires or tolerates) a logged error with this text. */
    static boolean allowedLogError(TestflowConfiguration config, String error) {
        return config.requiredLogErrors().stream().anyMatch(error::contains)
            || config.optionalLogMessages().stream().anyMatch(error::contains);
    }

    /** The texts nodes must show as errors or warnings (expected file and Testflow Configuration together). */
    List<String> declaredMessages(TestflowConfiguration config) {
        List<String> out = new ArrayList<>(declared(FAILS, config.nodeErrors()).values());
        out.addAll(declared(WARNS, config.nodeWarnings()).values());
        return out;
    }

    /** Node id → text from the {@code fails} or {@code warns} lines, then the Testflow Configuration's for other nodes. */
    private Map<Integer, String> declared(Pattern kind, Map<Integer, String> fromConfig) {
        Map<Integer, String> out = new HashMap<>();
        for (String l : lines) {
            Matcher m = kind.matcher(l);
            if (m.matches()) {
                out.put(Integer.valueOf(m.group(1)), m.group(2).strip());
            }
        }
        fromConfig.forEach(out::putIfAbsent);
        return out;
    }

    private static void checkLine(String l, FlowOutcome run, List<String> problems) {
        Matcher m;
        try {
            if ((m = ROWS.matcher(l)).matches()) {
                long rows = ((BufferedDataTable) port(run, m.group(1), m.group(2))).size();
                expect(rows == Long.parseLong(m.group(3)), l, "rows = " + rows, problems);
            } else if ((m = IMAGE.matcher(l)).matches()) {
                var size = ((PNGImageValue) ((ImagePortObject) port(run, m.group(1), m.group(2))).toDataCell())
                    .getImageContent().getPreferredSize();
                expect(size.width == Integer.parseInt(m.group(3)) && size.height == Integer.parseInt(m.group(4)), l,
                    size.width + "x" + size.height, problems);
            } else if ((m = CELL_IMAGE.matcher(l)).matches()) {
                BufferedDataTable t = (BufferedDataTable) port(run, m.group(1), m.group(2));
                int col = t.getDataTableSpec().findColumnIndex(m.group(3));
                DataRow first = t.iterator().next();
                var size = ((PNGImageValue) first.getCell(col)).getImageContent().getPreferredSize();
                expect(size.width == Integer.parseInt(m.group(4)) && size.height == Integer.parseInt(m.group(5)), l,
                    size.width + "x" + size.height, problems);
            } else if ((m = LAST.matcher(l)).matches()) {
                BufferedDataTable t = (BufferedDataTable) port(run, m.group(1), m.group(2));
                int col = t.getDataTableSpec().findColumnIndex(m.group(3));
                DataRow last = null;
                for (DataRow r : t) {
                    last = r;
                }
                double v = ((DoubleValue) last.getCell(col)).getDoubleValue();
                double bound = Double.parseDouble(m.group(5));
                expect(m.group(4).equals("<=") ? v <= bound : v >= bound, l, "value " + v, problems);
            } else if ((m = MEAN.matcher(l)).matches()) {
                double v = ScorePlots.mean((BufferedDataTable) port(run, m.group(1), m.group(2)), m.group(3));
                double bound = Double.parseDouble(m.group(5));
                expect(m.group(4).equals("<=") ? v <= bound : v >= bound, l, "mean " + v, problems);
            } else if ((m = AUC.matcher(l)).matches()) {
                ScorePlots.Scores s = ScorePlots.read((BufferedDataTable) port(run, m.group(1), m.group(2)),
                    m.group(3), m.group(4) != null, m.group(5), m.group(6));
                RocCurve roc = s.roc();
                double auc = roc.auc();
                double bound = Double.parseDouble(m.group(8));
                expect(m.group(7).equals("<=") ? auc <= bound : auc >= bound, l, "AUC " + auc + " ("
                    + roc.positives() + " positive, " + roc.negatives() + " normal rows)", problems);
            } else if (!FAILS.matcher(l).matches() && !WARNS.matcher(l).matches() && !EXPORT.matcher(l).matches()
                && !EXPORT_SCORES.matcher(l).matches()) {
                problems.add("expected: cannot parse line \"" + l + "\"");
            }
        } catch (RuntimeException e) {
            problems.add("expected: \"" + l + "\" could not be checked: " + e);
        }
    }

    /** Copies the outputs named by {@code export} lines to well-known file names (e.g. latent-grid.png). */
    void export(FlowOutcome run, Path outDir) throws IOException {
        for (String l : lines) {
            Matcher m = EXPORT_SCORES.matcher(l);
            if (m.matches()) {
                ScorePlots.Scores s = ScorePlots.read((BufferedDataTable) port(run, m.group(1), m.group(2)),
                    m.group(4), m.group(5) != null, m.group(6), m.group(7));
                Path target = outDir.resolve(m.group(8));
                if (m.group(3).equals("roc")) {
                    ScorePlots.writeRoc(s, target);
                } else {
                    ScorePlots.writeHistogram(s, target);
                }
                continue;
            }
            m = EXPORT.matcher(l);
            if (!m.matches()) {
                continue;
            }
            PortObject po = port(run, m.group(1), m.group(2));
            Path target = outDir.resolve(m.group(4));
            if (m.group(3) != null) {
                RunOutputs.writeSheet((BufferedDataTable) po, List.of(m.group(3).split(",")), 100, 10, target);
            } else {
                String name = target.getFileName().toString();
                RunOutputs.write(po, target.resolveSibling(name.substring(0, name.lastIndexOf('.'))));
            }
        }
    }

    private static PortObject port(FlowOutcome run, String node, String port) {
        return run.port(Integer.parseInt(node), Integer.parseInt(port));
    }

    private static void expect(boolean ok, String line, String actual, List<String> problems) {
        if (!ok) {
            problems.add("expected: \"" + line + "\" but got " + actual);
        }
    }
}
