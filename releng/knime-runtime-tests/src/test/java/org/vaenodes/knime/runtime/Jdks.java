package org.vaenodes.knime.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs on this machine, to fork KNIME in the Java it needs (5.12 needs 21+): the one running the tests,
 * {@code JAVA_HOME}, and every JDK under /usr/lib/jvm.
 */
final class Jdks {

    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)(?:[.\"])");

    /** A JDK home and its feature version (17, 21, 25, …). */
    record Jdk(Path home, int version) {

        Path tool(String name) {
            return home.resolve("bin").resolve(name);
        }
    }

    private Jdks() {
    }

    /** The JDK of the lowest version ≥ {@code minimum} among those found, if any. */
    static Optional<Jdk> atLeast(int minimum) {
        return all().stream().filter(j -> j.version() >= minimum).min(Comparator.comparingInt(Jdk::version));
    }

    static List<Jdk> all() {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        Optional.ofNullable(System.getenv("JAVA_HOME")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(homes::add);
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/jvm"))) {
            s.sorted().forEach(homes::add);
        } catch (IOException e) {
            // no /usr/lib/jvm on this system
        }
        List<Jdk> out = new ArrayList<>();
        for (Path h : homes) {
            of(h).filter(j -> out.stream().noneMatch(o -> o.home().equals(j.home()))).ifPresent(out::add);
        }
        return out;
    }

    /** A JDK (with javac) at {@code home}, its version from its release file. */
    static Optional<Jdk> of(Path home) {
        try {
            Path real = home.toRealPath();
            if (!Files.isExecutable(real.resolve("bin/javac")) || !Files.isRegularFile(real.resolve("release"))) {
                return Optional.empty();
            }
            Matcher m = VERSION.matcher(Files.readString(real.resolve("release")));
            return m.find() ? Optional.of(new Jdk(real, Integer.parseInt(m.group(1)))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
