package org.vaenodes.knime.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A real KNIME core to run our nodes in: its class path (KNIME's bundles plus the Eclipse and third-party jars they
 * need), its version and the Java it requires. Found in one of two shapes:
 * <ul>
 * <li>a folder of KNIME's core jars (a version folder of ../shared/knime-runtime, e.g. {@code 5.3.0/}) with the
 * other jars copied from Maven Central by this module's build ({@code target/knime-deps/common} and
 * {@code target/knime-deps/<version folder>});</li>
 * <li>the {@code plugins/} folder of an installed KNIME Analytics Platform, which holds everything, bundles as jars
 * or as folders (a folder bundle contributes itself and the jars of its Bundle-ClassPath).</li>
 * </ul>
 *
 * @param name      the version folder's name, or "installed" for a KNIME AP plugins folder
 * @param version   org.knime.core's Bundle-Version
 * @param javaMajor the Java version KNIME's bundles require (the highest JavaSE-N among them)
 * @param classPath every entry KNIME needs, KNIME's own jars first
 */
record KnimeRuntime(String name, String version, int javaMajor, List<Path> classPath) {

    /** KNIME's core bundle, which every runtime must have. */
    static final String CORE = "org.knime.core";

    /** Our name for the runtime in messages, e.g. "KNIME 5.3.0 (../shared/knime-runtime/5.3.0)". */
    String describe() {
        return "KNIME " + version + " (" + name + ")";
    }

    /** Whether this core still has KNIME's own (pre-5.9) batch executor. */
    boolean hasLegacyBatchExecutor() throws IOException {
        String cls = "org/knime/core/node/workflow/BatchExecutor$WorkflowConfiguration.class";
        for (Path p : classPath) {
            if (symbolicName(p).filter(CORE::equals).isPresent()) { // org.knime.core.jar, _5.3.0.v….jar, or a folder
                if (Files.isDirectory(p)) {
                    return Files.isRegularFile(p.resolve(cls));
                }
                try (JarFile jar = new JarFile(p.toFile())) {
                    return jar.getEntry(cls) != null;
                }
            }
        }
        return false;
    }

    /**
     * A version folder of KNIME core jars, with the Maven Central jars of {@code deps/common} and
     * {@code deps/<folder name>}.
     */
    static Optional<KnimeRuntime> fromCoreJars(Path folder, Path deps) throws IOException {
        if (!Files.isRegularFile(folder.resolve(CORE + ".jar"))) {
            return Optional.empty();
        }
        List<Path> cp = new ArrayList<>(jars(folder));
        cp.addAll(jars(deps.resolve("common")));
        cp.addAll(jars(deps.resolve(folder.getFileName().toString())));
        return Optional.of(describe(folder.getFileName().toString(), cp));
    }

    /** The plugins folder of an installed KNIME Analytics Platform. */
    static Optional<KnimeRuntime> fromInstallation(Path plugins) throws IOException {
        List<Path> cp = new ArrayList<>();
        try (Stream<Path> s = Files.list(plugins)) {
            for (Path p : s.sorted().toList()) {
                if (p.getFileName().toString().endsWith(".jar") && !otherPlatform(p.getFileName().toString())) {
                    cp.add(p);
                } else if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("META-INF/MANIFEST.MF"))
                    && !otherPlatform(p.getFileName().toString())) {
                    cp.addAll(folderBundle(p));
                }
            }
        }
        // KNIME's own bundles first, so that a library bundle never shadows them
        cp.sort((a, b) -> Boolean.compare(!isKnime(a), !isKnime(b)));
        if (cp.stream().noneMatch(p -> symbolicName(p).filter(CORE::equals).isPresent())) {
            return Optional.empty();
        }
        return Optional.of(describe("installed: " + plugins, cp));
    }

    private static boolean isKnime(Path p) {
        return p.getFileName().toString().startsWith("org.knime.");
    }

    /** Fragments for other systems than this Linux x86_64 one (SWT, natives), which would clash on a class path. */
    private static boolean otherPlatform(String name) {
        return name.matches(".*\\.(win32|macosx|cocoa|aarch64|arm64|ppc64le)[._].*") || name.contains(".win32.")
            || name.contains(".macosx.") || name.contains(".cocoa.");
    }

    /** A bundle unpacked in a folder: the folder itself plus the jars its Bundle-ClassPath names. */
    private static List<Path> folderBundle(Path dir) throws IOException {
        List<Path> out = new ArrayList<>(List.of(dir));
        try (InputStream in = Files.newInputStream(dir.resolve("META-INF/MANIFEST.MF"))) {
            String bcp = new Manifest(in).getMainAttributes().getValue("Bundle-ClassPath");
            if (bcp != null) {
                for (String e : bcp.split(",")) {
                    String entry = e.split(";")[0].strip();
                    if (!entry.equals(".") && Files.isRegularFile(dir.resolve(entry))) {
                        out.add(dir.resolve(entry));
                    }
                }
            }
        }
        return out;
    }

    private static KnimeRuntime describe(String name, List<Path> cp) throws IOException {
        String version = null;
        int java = 17;
        for (Path p : cp) {
            Attributes a = manifest(p);
            if (a == null || a.getValue("Bundle-SymbolicName") == null) {
                continue;
            }
            String bsn = a.getValue("Bundle-SymbolicName").split(";")[0].strip();
            if (bsn.equals(CORE) && version == null) {
                version = a.getValue("Bundle-Version").replace(".qualifier", "");
            }
            String ee = a.getValue("Bundle-RequiredExecutionEnvironment");
            if (bsn.startsWith("org.knime.") && ee != null && ee.startsWith("JavaSE-")) {
                java = Math.max(java, Integer.parseInt(ee.substring("JavaSE-".length()).split("[,.]")[0]));
            }
        }
        return new KnimeRuntime(name, version, java, List.copyOf(cp));
    }

    private static Optional<String> symbolicName(Path p) {
        try {
            Attributes a = manifest(p);
            return a == null || a.getValue("Bundle-SymbolicName") == null ? Optional.empty()
                : Optional.of(a.getValue("Bundle-SymbolicName").split(";")[0].strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Attributes manifest(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            Path mf = p.resolve("META-INF/MANIFEST.MF");
            if (!Files.isRegularFile(mf)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(mf)) {
                return new Manifest(in).getMainAttributes();
            }
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            return jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
        }
    }

    static List<Path> jars(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }
}
