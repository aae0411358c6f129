package org.vaenodes.knime.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.vaenodes.knime.product.FileTrees;

/**
 * Every testflow executed, checked, compared with our runner, saved and loaded again by KNIME's own WorkflowManager,
 * on KNIME 5.3.0 and 5.12.0-dev (or an installed KNIME AP), one forked JVM per version; plus the damaged-model and
 * batch-option cases. One test per flow and version, named so.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // the factory; each KNIME run is limited to 30 minutes by its fork
class RealKnimeTestflowsTest {

    /**
     * One version after the other, each in its own JVM, when JUnit reaches its container. (Both at once was slower
     * on two cores: 46 s instead of 41 s for flow 01's pair.)
     */
    @TestFactory
    Stream<DynamicNode> testflowsInRealKnime() throws Exception {
        return RealKnimeSetup.runtimes().stream()
            .map(rt -> dynamicContainer(rt.describe(), Stream.of(rt).flatMap(RealKnimeTestflowsTest::runIn)));
    }

    /** Forks the harness in {@code rt}, waits for it and turns its results into tests. */
    private static Stream<DynamicNode> runIn(KnimeRuntime rt) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Map<String, String> lines = new LinkedHashMap<>();
        Path work = RealKnimeSetup.WORK.resolve(rt.name().replaceAll("[^A-Za-z0-9._-]", "_"));
        Throwable failure = null;
        try {
            Jdks.Jdk jdk = RealKnimeSetup.jdkFor(rt);
            FileTrees.deleteTree(work);
            Files.createDirectories(work);
            System.out.println("[" + rt.describe() + "] Java " + jdk.version() + " (" + jdk.home() + ")");
            KnimeHarness harness = KnimeHarness.compile(rt, jdk, work);
            Path log = work.resolve("harness.log");
            harness.run("org.vaenodes.knime.testflows.KnimeTestflowsMain", log, 30,
                RealKnimeSetup.TESTFLOWS.toString(), work.toString());
            for (String l : Files.readAllLines(work.resolve("results.txt"))) {
                String[] f = l.split("\t", 4); // RESULT name PASS|FAIL line, or PROBLEM name text
                problems.computeIfAbsent(f[1], k -> new ArrayList<>());
                if (f[0].equals("RESULT")) {
                    lines.put(f[1], f[3]);
                } else {
                    problems.get(f[1]).add(f[2]);
                }
            }
        } catch (Throwable t) {
            failure = t;
        }
        if (failure != null) {
            Throwable f = failure;
            return Stream.of(dynamicTest("runs in " + rt.describe(), () -> {
                throw f;
            }));
        }
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(dynamicTest("every testflow ran", () -> {
            List<String> flows;
            try (Stream<Path> s = Files.list(RealKnimeSetup.TESTFLOWS)) {
                flows = s.filter(p -> Files.isRegularFile(p.resolve("workflow.knime")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
            }
            assertEquals(flows, lines.keySet().stream().filter(n -> Character.isDigit(n.charAt(0))).sorted().toList());
        }));
        for (String name : lines.keySet()) {
            tests.add(dynamicTest(name, () -> {
                assertEquals(List.of(), problems.get(name), lines.get(name));
                Path runner = RealKnimeSetup.RUNNER_OUTPUT.resolve(name).resolve("ports");
                Path knime = work.resolve("out").resolve(name).resolve("ports");
                if (Files.isDirectory(knime)) {
                    assertTrue(Files.isDirectory(runner), "No outputs of our runner for " + name + " at " + runner
                        + ": org.vaenodes.knime's TestflowsTest writes them (./mvnw -B verify)");
                    PortDumpComparison.Result r = PortDumpComparison.compare(runner, knime);
                    String line = "[" + rt.describe() + "] " + name + ": same outputs as our runner? " + r.summary();
                    System.out.println(line);
                    assertEquals(List.of(), r.differences(), line);
                }
            }));
        }
        return tests.stream();
    }
}
