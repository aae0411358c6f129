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
            List<String> problems = runOne(flow, overrides, out.resolve(flow.getFileName().toString()));
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

    /** Workflow variables named output_… hold files a flow writes. */
    static final String OUTPUT_VARIABLE_PREFIX = RunOutputs.OUTPUT_VARIABLE_PREFIX;

    /**
     * Points every output_… workflow variable that the command line does not set at the run's output folder (same
     * file name as its default), so that a run never writes into the workflow's own folder.
     */
    static BatchOverrides intoOutputFolder(WorkflowDefinition wf, BatchOverrides overrides, Path outDir) {
        BatchOverrides out = overrides.copy();
        for (BatchOverrides.Variable v : wf.variables()) {
            if (v.name().startsWith(OUTPUT_VARIABLE_PREFIX) && !overrides.variables().containsKey(v.name())) {
                String file = v.value().substring(v.value().lastIndexOf('/') + 1);
                out.declare(new BatchOverrides.Variable(v.name(), outDir.resolve(file).toAbsolutePath().toString(),
                    v.type()));
            }
        }
        return out;
    }

    /** Runs, writes and checks one workflow, printing a line per node; returns the problems found. */
    static List<String> runOne(Path flow, BatchOverrides overrides, Path outDir) throws Exception {
        long start = System.nanoTime();
        WorkflowDefinition wf = WorkflowDefinition.read(flow);
        Files.createDirectories(outDir);
        FlowOutcome run = WorkflowRunner.run(wf, intoOutputFolder(wf, overrides, outDir)).outcome();
        RunOutputs.writeAll(run, outDir);
        PortDump.writeAll(run, outDir.resolve(PORT_DUMPS)); // compared with KNIME's runs in releng/knime-runtime-tests
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
