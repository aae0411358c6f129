package org.vaenodes.knime.testflows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line of our headless testflow runner:
 * {@code TestflowMain <workflow dir>... [-out=<dir>] [-option=nodeID,setting,value,type] [-workflow.variable=name,value,type]}.
 * Runs each workflow, writes its outputs to {@code <out>/<workflow name>/}, checks its {@code expected} file and
 * exits non-zero on any failure.
 */
public final class TestflowMain {

    private TestflowMain() {
    }

    public static void main(String[] args) throws Exception {
        BatchOverrides overrides = new BatchOverrides();
        Path out = Path.of("testflow-output");
        List<Path> flows = new ArrayList<>();
        for (String a : splitArgs(args)) {
            if (a.startsWith("-out=")) {
                out = Path.of(a.substring("-out=".length()));
            } else if (!overrides.parse(a)) {
                flows.add(Path.of(a));
            }
        }
        if (flows.isEmpty()) {
            System.err.println("usage: TestflowMain <workflow dir>... [-out=<dir>] [-option=...] [-workflow.variable=...]");
            System.exit(2);
        }
        int failed = 0;
        for (Path flow : flows) {
            List<String> problems = runOne(flow, overrides, out.resolve(flow.getFileName().toString()), false);
            failed += problems.isEmpty() ? 0 : 1;
        }
        System.out.println(flows.size() - failed + " of " + flows.size() + " workflows passed; outputs in "
            + out.toAbsolutePath());
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Arguments may also arrive several in one (from a Maven property): split before each " -". */
    private static List<String> splitArgs(String[] args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            for (String part : a.strip().split("\\s+(?=-)")) {
                if (!part.isBlank()) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    /** Sub-folder of a flow's output folder with every port's dump (see {@link PortDump}). */
    static final String PORT_DUMPS = "ports";

    /**
     * Runs, writes and checks one workflow, printing a line per node; returns the problems found. With
     * {@code dumpPorts}, every output port is also dumped into {@value #PORT_DUMPS}/ (hundreds of MB for all flows:
     * for the comparison with KNIME's runs in releng/knime-runtime-tests, not for the demo).
     */
    static List<String> runOne(Path flow, BatchOverrides overrides, Path outDir, boolean dumpPorts) throws Exception {
        long start = System.nanoTime();
        WorkflowDefinition wf = WorkflowDefinition.read(flow);
        Files.createDirectories(outDir);
        FlowOutcome run = WorkflowRunner.run(wf, overrides.withOutputsIn(wf, outDir)).outcome();
        RunOutputs.writeAll(run, outDir);
        if (dumpPorts) {
            PortDump.writeAll(run, outDir.resolve(PORT_DUMPS));
        }
        Expectations expected = Expectations.read(flow);
        List<String> problems = new ArrayList<>(expected.check(run));
        try {
            expected.export(run, outDir);
        } catch (Exception e) {
            problems.add("export failed: " + WorkflowRunner.message(e));
        }
        System.out.printf("%s (%.1f s)%n", flow.getFileName(), (System.nanoTime() - start) / 1e9);
        run.nodes().values().forEach(r -> System.out.println("  " + r));
        problems.forEach(p -> System.out.println("  PROBLEM: " + p));
        System.out.println(problems.isEmpty() ? "  OK" : "  FAILED");
        return problems;
    }
}
