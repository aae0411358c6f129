package org.vaenodes.knime.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.vaenodes.knime.product.FileTrees;

/**
 * The harness that runs our flows inside a real KNIME (src/harness), compiled against that KNIME with the JDK it runs
 * in, together with the sources it shares with our own runner (listed in src/harness/shared-sources.txt), and
 * started in a JVM of its own
 * with KNIME's class path, our built bundles and knime.ini's JVM options.
 */
final class KnimeHarness {

    private static final Path SOURCES = Path.of("src/harness").toAbsolutePath();
    static final Path SHARED =
        RealKnimeSetup.ROOT.resolve("plugins/org.vaenodes.knime/src/test/java/org/vaenodes/knime/testflows");

    /** The --add-opens of KNIME AP's knime.ini (KNIME's core reflects into these). */
    static final List<String> KNIME_INI_OPENS = List.of("java.base/java.lang", "java.base/java.net",
        "java.base/java.util", "java.base/java.nio", "java.base/sun.nio.ch", "java.base/sun.net.www.protocol.http",
        "java.base/sun.net.www.protocol.https");

    final KnimeRuntime runtime;
    final Jdks.Jdk jdk;
    final Path work;
    private final List<Path> classPath;

    private KnimeHarness(KnimeRuntime runtime, Jdks.Jdk jdk, Path work, List<Path> classPath) {
        this.runtime = runtime;
        this.jdk = jdk;
        this.work = work;
        this.classPath = classPath;
    }

    /** Compiles the harness for {@code runtime} into {@code work/harness}. */
    static KnimeHarness compile(KnimeRuntime runtime, Jdks.Jdk jdk, Path work) throws Exception {
        Path classes = work.resolve("harness");
        FileTrees.deleteTree(classes);
        Files.createDirectories(classes);
        List<Path> cp = new ArrayList<>(runtime.classPath());
        cp.addAll(RealKnimeSetup.projectBundles());
        List<String> sources = new ArrayList<>(javaFiles(SOURCES.resolve("java")));
        if (runtime.hasLegacyBatchExecutor()) {
            sources.addAll(javaFiles(SOURCES.resolve("java-5.3")));
        }
        for (String f : Files.readAllLines(SOURCES.resolve("shared-sources.txt"))) {
            if (!f.isBlank() && !f.startsWith("#")) {
                sources.add(SHARED.resolve(f.strip()).toString());
            }
        }
        List<String> cmd = new ArrayList<>(List.of(jdk.tool("javac").toString(), "-nowarn", "-proc:none",
            "-encoding", "UTF-8", "--release", Integer.toString(runtime.javaMajor()), "-d", classes.toString(),
            "-cp", RealKnimeSetup.classPath(cp)));
        cmd.addAll(sources);
        Path log = work.resolve("harness-javac.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RealKnimeSetup.assertExit0(p, "Compiling the harness against " + runtime.describe(), log, 5);
        FileTrees.copyTree(SOURCES.resolve("resources"), classes); // the FrameworkUtilHelper service
        List<Path> full = new ArrayList<>(List.of(classes));
        full.addAll(cp);
        return new KnimeHarness(runtime, jdk, work, full);
    }

    /**
     * Runs {@code main} with {@code args} for at most {@code minutes}, its output to {@code log} (and its report lines
     * to this JVM's output), and fails unless it exits with 0.
     */
    void run(String main, Path log, int minutes, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(jdk.tool("java").toString(), "-Xmx3g", "-Djava.awt.headless=true",
            "-Dorg.knime.core.maxThreads=2"));
        KNIME_INI_OPENS.forEach(o -> cmd.add("--add-opens=" + o + "=ALL-UNNAMED"));
        cmd.addAll(List.of("-cp", RealKnimeSetup.classPath(classPath), main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // OpenMP threads that sleep instead of spin, as our tests and bench run ND4J (README, performance)
        pb.environment().put("OMP_NUM_THREADS", "2");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Files.createDirectories(log.getParent());
        Process p = pb.start();
        Thread copier = new Thread(() -> {
            try (var in = p.inputReader(); var out = Files.newBufferedWriter(log)) {
                for (String l; (l = in.readLine()) != null;) {
                    out.write(l);
                    out.newLine();
                    out.flush();
                    if (l.startsWith("[KNIME") || l.startsWith("    ") || l.startsWith("[knime] HARNESS")) {
                        System.out.println(l);
                    }
                }
            } catch (IOException e) {
                System.out.println("lost the harness output: " + e);
            }
        }, "harness-output");
        copier.setDaemon(true);
        copier.start();
        try {
            RealKnimeSetup.assertExit0(p, "The harness in " + runtime.describe(), log, minutes);
        } finally {
            copier.join(10_000); // the whole output in the log before anyone reads it
        }
    }

    private static List<String> javaFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
    }
}
