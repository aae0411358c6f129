package org.vaenodes.knime.runtime;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.vaenodes.knime.product.FileTrees;

/**
 * The main sources of org.vaenodes.knime compile against KNIME's real API (each runtime's jars, with the Eclipse UI
 * jars the preference page needs), not only against our shim: a member the shim declares but a KNIME version lacks,
 * or declares differently, fails here. Compiled for Java 17, the bundle's execution environment; each javac is
 * stopped after five minutes.
 */
class NodesCompileAgainstRealKnimeTest {

    private static final Path SOURCES = RealKnimeSetup.ROOT.resolve("plugins/org.vaenodes.knime/src/main/java");

    @TestFactory
    Stream<DynamicTest> nodesCompileAgainstRealKnime() throws Exception {
        return RealKnimeSetup.runtimes().stream().map(rt -> dynamicTest(rt.describe(), () -> compile(rt)));
    }

    private static void compile(KnimeRuntime rt) throws Exception {
        Jdks.Jdk jdk = RealKnimeSetup.jdkFor(rt);
        Path out = RealKnimeSetup.WORK.resolve("nodes-compiled").resolve(rt.name().replaceAll("[^A-Za-z0-9._-]", "_"));
        FileTrees.deleteTree(out);
        Files.createDirectories(out);
        List<Path> cp = new ArrayList<>(rt.classPath());
        // the engine and the jars nested in our bundles (jfreechart), but not the shim-compiled nodes themselves
        RealKnimeSetup.projectBundles().stream()
            .filter(p -> !p.equals(RealKnimeSetup.builtJar("org.vaenodes.knime")))
            .forEach(cp::add);
        List<String> cmd = new ArrayList<>(List.of(jdk.tool("javac").toString(), "-proc:none", "-encoding", "UTF-8",
            "--release", "17", "-Xlint:none", "-d", out.toString(), "-cp", RealKnimeSetup.classPath(cp)));
        try (Stream<Path> s = Files.walk(SOURCES)) {
            s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().forEach(cmd::add);
        }
        long sources = cmd.stream().filter(a -> a.endsWith(".java")).count();
        Path log = out.resolve("javac.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RealKnimeSetup.assertExit0(p, "javac of org.vaenodes.knime against " + rt.describe(), log, 5);
        System.out.println("[" + rt.describe() + "] org.vaenodes.knime's " + sources
            + " main sources compile against the real API (Java " + jdk.version() + ", --release 17)");
    }
}
