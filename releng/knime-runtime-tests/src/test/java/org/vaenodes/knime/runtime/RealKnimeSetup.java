package org.vaenodes.knime.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

/**
 * Where the real-KNIME tests find what they need, and what they do without it: the KNIME runtimes to test, a JDK
 * each can run in, and our BUILT bundle jars (with their nested lib/ jars and this platform's natives fragment) —
 * never the shim build's class folders. Without a KNIME runtime or a suitable JDK the tests fail under CI
 * ({@code CI=true}) and elsewhere skip with one line saying what is missing.
 */
final class RealKnimeSetup {

    static final Path ROOT = Path.of(System.getProperty("vaenodes.root", "../..")).toAbsolutePath().normalize();
    static final Path WORK = Path.of(System.getProperty("vaenodes.work", "target/real-knime")).toAbsolutePath();
    static final Path TESTFLOWS = ROOT.resolve("testflows");
    /** Where org.vaenodes.knime's TestflowsTest (our runner) left each flow's outputs. */
    static final Path RUNNER_OUTPUT = ROOT.resolve("plugins/org.vaenodes.knime/target/testflow-output");
    /** The versions this project claims: the oldest supported and the newest development core. */
    static final List<String> VERSIONS = List.of("5.3.0", "5.12.0-dev");

    private static final String HOW = "point -Dvaenodes.knime.runtime at a folder with the version folders "
        + VERSIONS + " of KNIME core jars (as ../shared/knime-runtime), or -Dvaenodes.knime.plugins at the plugins/"
        + " folder of an installed KNIME Analytics Platform";

    /** What-is-missing lines already printed: each once per run, however many tests skip for it. */
    private static final java.util.Set<String> SAID = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Our bundles as KNIME AP would install them on Linux x86_64. */
    static final List<String> BUNDLES =
        List.of("org.vaenodes.knime", "org.vaenodes.engine", "org.vaenodes.engine.natives.linux.x86_64");

    private RealKnimeSetup() {
    }

    /** The KNIME runtimes to run in: an installation if one is given, else each claimed version's core jars. */
    static List<KnimeRuntime> runtimes() throws IOException {
        String plugins = System.getProperty("vaenodes.knime.plugins", "");
        if (!plugins.isBlank()) {
            return List.of(KnimeRuntime.fromInstallation(Path.of(plugins)).orElseThrow(() -> unavailable(
                "no " + KnimeRuntime.CORE + " bundle in -Dvaenodes.knime.plugins=" + plugins)));
        }
        Path folder = Path.of(System.getProperty("vaenodes.knime.runtime", ROOT.resolve("../shared/knime-runtime")
            .toString())).toAbsolutePath().normalize();
        Path deps = Path.of(System.getProperty("vaenodes.knime.deps", "target/knime-deps")).toAbsolutePath();
        List<KnimeRuntime> out = new ArrayList<>();
        for (String v : VERSIONS) {
            out.add(KnimeRuntime.fromCoreJars(folder.resolve(v), deps).orElseThrow(
                () -> unavailable("no KNIME core jars at " + folder.resolve(v))));
        }
        return out;
    }

    /**
     * The JDK to run {@code runtime} in: the one given by {@code -Dvaenodes.jdk21} if it is new enough, else the
     * lowest suitable version on this machine (this JVM's for 5.3).
     */
    static Jdks.Jdk jdkFor(KnimeRuntime runtime) {
        String given = System.getProperty("vaenodes.jdk21", "");
        if (!given.isBlank()) {
            Jdks.Jdk jdk = Jdks.of(Path.of(given)).orElseThrow(() -> unavailable("-Dvaenodes.jdk21=" + given
                + " is not a JDK (no bin/javac and release file there)"));
            if (jdk.version() >= runtime.javaMajor()) {
                return jdk;
            }
        }
        return Jdks.atLeast(runtime.javaMajor()).orElseThrow(() -> unavailable(runtime.describe() + " needs Java "
            + runtime.javaMajor() + "+ and none was found under /usr/lib/jvm, JAVA_HOME or -Dvaenodes.jdk21"
            + (given.isBlank() ? "" : " (" + given + " is older)")));
    }

    /**
     * What the tests cannot run without: a failure under CI, elsewhere an aborted (skipped) test with one line
     * saying what is missing and how to provide it.
     */
    static RuntimeException unavailable(String what) {
        String line = "Real-KNIME tests not run: " + what + "; " + HOW + ".";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return new IllegalStateException(line);
        }
        if (SAID.add(line)) {
            System.out.println(line);
        }
        return new TestAbortedException(line);
    }

    /**
     * Our built bundle jars and the jars nested in them (their Bundle-ClassPath), extracted to {@code WORK}, as a
     * class path. Fails if a bundle has not been built.
     */
    static synchronized List<Path> projectBundles() throws IOException {
        if (bundles != null) {
            return bundles;
        }
        List<Path> cp = new ArrayList<>();
        List<Path> nested = new ArrayList<>();
        for (String bsn : BUNDLES) {
            Path jar = builtJar(bsn);
            cp.add(jar);
            Path into = WORK.resolve("bundles").resolve(bsn);
            try (JarFile jf = new JarFile(jar.toFile())) {
                for (JarEntry e : jf.stream().filter(e -> e.getName().startsWith("lib/") && e.getName().endsWith(".jar"))
                    .toList()) {
                    Path target = into.resolve(e.getName());
                    Files.createDirectories(target.getParent());
                    try (InputStream in = jf.getInputStream(e)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    nested.add(target);
                }
            }
        }
        cp.addAll(nested);
        bundles = List.copyOf(cp);
        return bundles;
    }

    /** Extracted once per test JVM: the runs of both versions use the same files. */
    private static List<Path> bundles;

    static Path builtJar(String bsn) {
        Path target = ROOT.resolve("plugins").resolve(bsn).resolve("target");
        Optional<Path> jar = Optional.empty();
        if (Files.isDirectory(target)) {
            try (Stream<Path> s = Files.list(target)) {
                jar = s.filter(p -> p.getFileName().toString().matches(java.util.regex.Pattern.quote(bsn)
                    + "-\\d.*(?<!-sources)\\.jar")).findFirst();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return jar.orElseThrow(() -> new AssertionError("Bundle " + bsn + " is not built (no jar in " + target
            + "): run ./mvnw -B verify from the repository root"));
    }

    static String classPath(List<Path> entries) {
        return String.join(java.io.File.pathSeparator, entries.stream().map(Path::toString).toList());
    }

    /**
     * Waits at most {@code minutes} for the command, then fails the calling test unless it exited with 0; a command
     * still running then is killed (a hung KNIME must not hang the build).
     */
    static void assertExit0(Process p, String what, Path log, int minutes) throws InterruptedException {
        if (!p.waitFor(minutes, java.util.concurrent.TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            Assertions.fail(what + " did not end within " + minutes + " minutes and was stopped; its output: " + log
                + "\n" + tail(log, 40));
        }
        int code = p.exitValue();
        Assertions.assertEquals(0, code, () -> what + " exited with " + code + "; its output: " + log + "\n"
            + tail(log, 40));
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
