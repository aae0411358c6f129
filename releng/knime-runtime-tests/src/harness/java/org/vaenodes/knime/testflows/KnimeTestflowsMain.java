package org.vaenodes.knime.testflows;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEConstants;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.NodeContainer;

/**
 * Runs our testflows in KNIME's own WorkflowManager (forked by releng/knime-runtime-tests, one JVM per KNIME
 * version): each flow is copied, loaded as the batch executor loads it, executed, checked against its expected file
 * and Testflow Configuration, its ports dumped for comparison with our runner, its knime.log lines checked, then saved
 * by KNIME and loaded again in a fresh load, which must give back every node EXECUTED with identical ports and flow
 * variables. Then a saved VAE model is damaged three ways (see {@link ModelPortDamage}) and flow 01 is run with batch
 * options.
 *
 * <p>Usage: {@code KnimeTestflowsMain <testflows dir> <work dir> [flow name…]}. Writes {@code <work>/results.txt}
 * (RESULT/PROBLEM lines for the test) and prints one line per flow plus each node's state and KNIME's message.
 */
public final class KnimeTestflowsMain {

    /** KNIME's words for a node whose plug-in (here KNIME's testing framework) is not installed. */
    private static final String TESTING_PLUGIN_MISSING = "plugin \"org.knime.testing\" is not installed";

    /** The flow run with batch options: one epoch, a 10 × 10 grid of 28-pixel digits. */
    private static final String BATCH_FLOW = "01_mnist_vae_grid";
    private static final String[] BATCH_OPTIONS = {"-workflow.variable=epochs,1,int", "-option=3,grid_size,10,int"};
    private static final String BATCH_RESULT = "grid 280x280, 1 epoch";

    private final Path work;
    private final String version;
    private final List<String> results = new ArrayList<>();
    /** Flows run (and saved) so far, by folder name. */
    private final java.util.Set<String> ran = new java.util.HashSet<>();

    private KnimeTestflowsMain(Path work) {
        this.work = work;
        this.version = "KNIME " + KNIMEConstants.VERSION;
    }

    public static void main(String[] args) {
        try {
            Path flows = Path.of(args[0]).toAbsolutePath();
            Path work = Path.of(args[1]).toAbsolutePath();
            HeadlessKnimePlatform platform = HeadlessKnimePlatform.start(work.resolve("home"));
            KnimeTestflowsMain main = new KnimeTestflowsMain(work);
            List<Path> selected = new ArrayList<>();
            try (Stream<Path> s = Files.list(flows)) {
                s.filter(p -> Files.isRegularFile(p.resolve("workflow.knime"))).sorted()
                    .filter(p -> args.length < 3 || List.of(args).subList(2, args.length)
                        .contains(p.getFileName().toString()))
                    .forEach(selected::add);
            }
            for (Path flow : selected) {
                main.guarded(flow.getFileName().toString(), () -> main.runFlow(flow, platform.logFile()));
            }
            main.guarded("knime-log", () -> main.ourLogLines(platform.logFile()));
            if (main.ran.contains(ModelPortDamage.FLOW)) {
                main.guarded("damaged-model", () -> main.damagedModel(flows.resolve(ModelPortDamage.FLOW)));
            }
            if (main.ran.contains(BATCH_FLOW)) {
                main.guarded("batch-options", () -> main.batchOptions(flows.resolve(BATCH_FLOW)));
            }
            main.writeResults();
            System.out.flush();
            Runtime.getRuntime().halt(0); // KNIME's non-daemon threads would keep the JVM alive
        } catch (Throwable t) {
            System.out.println("[knime] HARNESS FAILED: " + t);
            t.printStackTrace(System.out);
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
    }

    /** One step of the run: its failure is a problem of that step, the others still run. */
    private void guarded(String name, Step step) {
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            String line = "[" + version + "] " + name + ": FAIL, the harness could not complete it: " + e;
            System.out.println(line);
            e.printStackTrace(System.out);
            result(name, line, List.of(String.valueOf(e)));
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private void runFlow(Path source, Path log) throws Exception {
        String name = source.getFileName().toString();
        ran.add(name);
        Path dir = copy(source, work.resolve("flows").resolve(name));
        Path out = Files.createDirectories(work.resolve("out").resolve(name));
        List<String> problems = new ArrayList<>();
        long t0 = System.nanoTime();
        KnimeLogWindow logWindow = KnimeLogWindow.open(log);
        Map<String, String> before;
        int executed;
        int expectedLines;
        long tExecuted;
        long tChecked;
        try (KnimeFlow flow = KnimeFlow.load(dir)) {
            flow.loadProblems().forEach(p -> problems.add("load: " + p));
            KnimeBatchOptions.apply(new BatchOverrides().withOutputsIn(WorkflowDefinition.readAnyVersion(dir), out), flow.wfm);
            flow.wfm.executeAllAndWaitUntilDone();
            tExecuted = System.nanoTime();
            FlowOutcome outcome = flow.outcome(logWindow.lines());
            executed = (int) outcome.nodes().values().stream()
                .filter(n -> n.status() == FlowOutcome.Status.EXECUTED).count();
            Expectations expected = Expectations.read(dir);
            expectedLines = expected.lineCount();
            problems.addAll(expected.check(outcome));
            expected.export(outcome, out);
            Map<String, String> dumped = PortDump.writeAll(outcome, out.resolve("ports"));
            before = flow.fingerprint(dumped);
            tChecked = System.nanoTime();
            flow.save();
            for (NodeContainer nc : flow.ourNodes()) {
                System.out.println("    " + KnimeFlow.stateLine(nc));
            }
        }
        long t1 = System.nanoTime();
        String times = String.format("load and execute %.1f s, checks and dumps %.1f s, save %.1f s", (tExecuted - t0)
            / 1e9, (tChecked - tExecuted) / 1e9, (t1 - tChecked) / 1e9);
        String reload;
        Expectations expected = Expectations.read(dir);
        try (KnimeFlow again = KnimeFlow.load(dir)) {
            again.loadProblems().forEach(p -> problems.add("reload: " + p));
            Map<String, String> after = again.fingerprint();
            List<String> differences = differences(before, after);
            differences.forEach(d -> problems.add("after saving and loading again: " + d));
            long ports = before.keySet().stream().filter(k -> !k.endsWith("-vars")).count();
            reload = "saved and loaded again: " + after.keySet().stream().filter(k -> k.endsWith("-vars")).count()
                + " nodes EXECUTED, " + ports + " ports and flow variables " + (differences.isEmpty() ? "identical"
                    : differences.size() + " DIFFERENT");
            for (KnimeLogWindow.Entry e : logWindow.lines()) { // loading, executing, saving, loading again
                if (e.isProblem() && !declared(e, expected, again)) {
                    problems.add("knime.log: " + e);
                }
            }
        }
        report(name, name, String.format("%d nodes executed, %d expected lines; %s (%s; load again and compare %.1f s)",
            executed, expectedLines, reload, times, (System.nanoTime() - t1) / 1e9), problems);
    }

    /**
     * Whether a WARN/ERROR/CODING log line is one the flow declares: a node's declared failure or warning, an error
     * the Testflow Configuration allows, or KNIME's notice that the Testflow Configuration node itself cannot run
     * (KNIME's testing plug-in is not part of KNIME's core, so that node loads as MISSING here).
     */
    private static boolean declared(KnimeLogWindow.Entry e, Expectations expected, KnimeFlow flow) {
        if (e.level().equals("WARN") && flow.hasTestingNode() && e.text().contains(TESTING_PLUGIN_MISSING)) {
            return true;
        }
        if (e.level().equals("WARN") || e.level().equals("ERROR")) {
            if (expected.declaredMessages(flow.config).stream().anyMatch(e.text()::contains)) {
                return true;
            }
        }
        return Expectations.allowedLogError(flow.config, e.text());
    }

    static List<String> differences(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        for (var e : before.entrySet()) {
            String now = after.get(e.getKey());
            if (now == null) {
                out.add(e.getKey() + " is gone (the node is no longer executed)");
            } else if (!now.equals(e.getValue())) {
                out.add(e.getKey() + (e.getKey().endsWith("-vars") ? " flow variables: " + e.getValue() + " then "
                    + now : " port content differs"));
            }
        }
        return out;
    }

    /**
     * Our messages reach knime.log: the engine's (java.util.logging: the backend it chose) and our nodes' NodeLogger
     * information below WARN (the Image Folder Reader's skipped files), which KNIME's log4j setup would drop.
     */
    private void ourLogLines(Path log) throws IOException {
        List<String> problems = new ArrayList<>();
        List<KnimeLogWindow.Entry> all = KnimeLogWindow.open(log, 0).lines();
        var backend = all.stream().filter(e -> e.text().contains(" : Nd4jRuntime : ")
            && e.text().contains("ND4J backend")).findFirst();
        var skipped = all.stream().filter(e -> e.level().equals("INFO")
            && e.text().contains(" : ImageFolderReaderNodeModel : ") && e.text().contains("Skipped ")).count();
        if (backend.isEmpty()) {
            problems.add("knime.log has no line of the engine's backend choice (logger ...backend.Nd4jRuntime)");
        }
        if (skipped == 0 && ran.contains("06_own_images")) { // the flow whose reader skips three files
            problems.add("knime.log has no INFO line of the Image Folder Reader's skipped files");
        }
        report("knime-log", "our messages in knime.log", "engine: " + backend.map(Object::toString).orElse("none")
            + "; Image Folder Reader: " + skipped + " INFO lines", problems);
    }

    private void damagedModel(Path source) throws Exception {
        long t0 = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<String> report = new ModelPortDamage(work.resolve("damage"), work.resolve("flows").resolve(
            source.getFileName().toString())).run(problems);
        report("damaged-model", "damaged VAE model port (" + ModelPortDamage.FLOW + ")", String.join("; ", report)
            + String.format(" (%.1f s)", (System.nanoTime() - t0) / 1e9), problems);
    }

    /**
     * Flow 01 with {@code -workflow.variable=epochs,1,int -option=3,grid_size,10,int}: one epoch, a 10 × 10 grid of
     * 28-pixel digits (280 × 280). Through KNIME's own BatchExecutor where the core has one (5.3); newer cores left
     * the batch executor to KNIME AP, so there {@link KnimeBatchOptions} applies them to the loaded flow.
     */
    private void batchOptions(Path flow01) throws Exception {
        long t0 = System.nanoTime();
        List<String> problems = new ArrayList<>();
        List<String> report = new ArrayList<>();
        BatchOverrides batch = new BatchOverrides();
        for (String o : BATCH_OPTIONS) {
            batch.parse(o);
        }
        Class<?> legacy = legacyBatchExecutor();
        try (KnimeFlow flow = KnimeFlow.load(copy(flow01, work.resolve("batch").resolve("options")))) {
            KnimeBatchOptions.apply(batch, flow.wfm);
            String applied = optionsApplied(flow.wfm);
            if (legacy == null) { // no executor of KNIME's to compare with: execute and look at the result
                flow.wfm.executeAllAndWaitUntilDone();
                String grid = gridAndEpochs(flow.wfm);
                report.add("options applied to the loaded flow: " + grid + "; this core has no BatchExecutor of its"
                    + " own (KNIME AP's knime-ap-batch applies the options)");
                if (!grid.equals(BATCH_RESULT)) {
                    problems.add("with " + String.join(" ", BATCH_OPTIONS) + " expected " + BATCH_RESULT + "; got "
                        + grid);
                }
            } else { // KNIME's own executor runs the flow; our options must leave the same settings and variables
                Path legacyDir = copy(flow01, work.resolve("batch").resolve("legacy"));
                List<String> args = new ArrayList<>(List.of("-workflowDir=" + legacyDir, "-reset", "-nosave"));
                args.addAll(List.of(BATCH_OPTIONS));
                Object[] r = (Object[]) legacy.getDeclaredMethod("run", String[].class,
                    java.util.function.Function.class).invoke(null, args.toArray(String[]::new),
                        (java.util.function.Function<WorkflowManager, String>) wfm -> gridAndEpochs(wfm) + "\n"
                            + optionsApplied(wfm));
                String[] seen = String.valueOf(r[1]).split("\n", 2);
                report.add("KNIME's BatchExecutor " + String.join(" ", args) + ": exit " + r[0] + ", " + seen[0]);
                if (!Integer.valueOf(0).equals(r[0]) || !BATCH_RESULT.equals(seen[0])) {
                    problems.add("KNIME's BatchExecutor: exit " + r[0] + ", " + seen[0] + "; expected 0, "
                        + BATCH_RESULT);
                }
                boolean same = seen.length == 2 && seen[1].equals(applied) && applied.contains("grid_size")
                    && applied.contains("epochs=1"); // and both did apply the options
                report.add("our options on the loaded flow leave " + (same ? "the same" : "OTHER")
                    + " settings and workflow variables");
                if (!same) {
                    problems.add("KnimeBatchOptions and KNIME's BatchExecutor differ: ours " + applied + "; KNIME's "
                        + (seen.length == 2 ? seen[1] : "(none)"));
                }
            }
        }
        report("batch-options", "batch options on " + BATCH_FLOW, String.join("; ", report)
            + String.format(" (%.1f s)", (System.nanoTime() - t0) / 1e9), problems);
    }

    /** What the batch options change: the grid node's model settings and the workflow variables. */
    private static String optionsApplied(WorkflowManager wfm) {
        try {
            NodeSettings s = new NodeSettings("node");
            wfm.saveNodeSettings(new NodeID(wfm.getID(), 3), s);
            List<String> vars = new ArrayList<>();
            wfm.getWorkflowVariables().forEach(v -> vars.add(v.getName() + "=" + v.getValueAsString()));
            vars.sort(null);
            var xml = new java.io.ByteArrayOutputStream();
            s.getNodeSettings("model").saveToXML(xml);
            return "grid settings " + xml.toString(java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ")
                + ", variables " + vars;
        } catch (InvalidSettingsException | IOException e) {
            return "no settings: " + e.getMessage();
        }
    }

    /** Prints the step's line, "[version] what: PASS|FAIL, details", and its problems; records them for the test. */
    private void report(String name, String what, String details, List<String> problems) {
        String line = "[" + version + "] " + what + ": " + (problems.isEmpty() ? "PASS" : "FAIL") + ", " + details;
        System.out.println(line);
        problems.forEach(p -> System.out.println("    PROBLEM " + p));
        result(name, line, problems);
    }

    private static Class<?> legacyBatchExecutor() {
        try {
            return Class.forName("org.vaenodes.knime.testflows.LegacyBatchExecutorRun");
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    /** "grid WxH, N epoch(s)" of flow 01's Latent Grid Renderer (#3) and VAE Learner (#2) history. */
    private static String gridAndEpochs(WorkflowManager wfm) {
        try {
            PortObject grid = wfm.getNodeContainer(new NodeID(wfm.getID(), 3)).getOutPort(1).getPortObject();
            PortObject history = wfm.getNodeContainer(new NodeID(wfm.getID(), 2)).getOutPort(2).getPortObject();
            var size = ((PNGImageValue) ((ImagePortObject) grid).toDataCell()).getImageContent().getPreferredSize();
            long epochs = ((BufferedDataTable) history).size();
            return "grid " + size.width + "x" + size.height + ", " + epochs + " epoch" + (epochs == 1 ? "" : "s");
        } catch (RuntimeException e) {
            return "no grid (" + e + ")";
        }
    }

    static Path copy(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            try (Stream<Path> s = Files.walk(to)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private void result(String name, String line, List<String> problems) {
        results.add("RESULT\t" + name + "\t" + (problems.isEmpty() ? "PASS" : "FAIL") + "\t" + oneField(line));
        problems.forEach(p -> results.add("PROBLEM\t" + name + "\t" + oneField(p)));
    }

    /** A value as one tab-separated field on one line of results.txt. */
    private static String oneField(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    private void writeResults() throws IOException {
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(work.resolve("results.txt"), StandardCharsets.UTF_8))) {
            results.forEach(w::println);
        }
    }
}
