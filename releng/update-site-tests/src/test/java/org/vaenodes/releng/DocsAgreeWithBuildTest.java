package org.vaenodes.releng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;

/**
 * The numbers README.md and docs/ARCHITECTURE.md state, checked against what the code and the build know: node count,
 * exported packages, the demo's flows, the system properties we read, the versions code and docs cite, and the sizes
 * of the built site and bundles (within 5 %). Each statement is found by its wording; a statement reworded so that
 * the test no longer finds it fails too, so that no number drifts unchecked.
 */
class DocsAgreeWithBuildTest {

    private static final Path ROOT = Path.of(System.getProperty("vaenodes.root", "../..")).toAbsolutePath().normalize();
    private static final Path SITE = Path.of(System.getProperty("vaenodes.updateSite", "../../update-site/target"))
        .toAbsolutePath().resolve("repository");
    private static final List<String> NUMBERS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "eleven", "twelve");
    private static final List<String> PLATFORMS = List.of("linux.x86_64", "linux.aarch64", "win32.x86_64",
        "macosx.x86_64", "macosx.aarch64");

    @Test
    void nodeCountAndExportedPackages() throws IOException {
        String plugin = Files.readString(ROOT.resolve("plugins/org.vaenodes.knime/plugin.xml"));
        int nodes = count(Pattern.compile("<node\\s").matcher(plugin));
        assertEquals(nodes, number(statement(architecture(), "`org\\.vaenodes\\.knime`\\*\\* — the (\\w+) nodes")),
            "ARCHITECTURE.md's node count vs plugin.xml");
        int exported = exportedPackages(ROOT.resolve("plugins/org.vaenodes.engine/META-INF/MANIFEST.MF")).size();
        assertEquals(exported, number(statement(architecture(), "only the (\\w+) `org\\.vaenodes\\.engine\\.\\*`"
            + " packages are exported")), "ARCHITECTURE.md's exported engine packages vs the engine's MANIFEST");
    }

    @Test
    void demoFlows() throws IOException {
        String pom = Files.readString(ROOT.resolve("plugins/org.vaenodes.knime/pom.xml"));
        Set<String> demo = new TreeSet<>();
        Matcher m = Pattern.compile("/testflows/((\\d\\d)_\\w+)</argument>").matcher(pom);
        while (m.find()) {
            demo.add(m.group(1));
        }
        assertTrue(demo.size() >= 2, "the demo's flows in the knime bundle's pom: " + demo);
        String readme = statement(readme(), "build and run the demo workflows \\(([^)]*\\))");
        String arch = statement(architecture(), "-Ddemo` runs flows (.*?) through");
        for (String flow : demo) {
            assertTrue(readme.contains("testflows/" + flow), "README's main job names " + flow + ": " + readme);
            assertTrue(arch.contains(flow.substring(0, 2)), "ARCHITECTURE.md's demo names flow " + flow + ": " + arch);
        }
        assertEquals(demo.size(), count(Pattern.compile("\\b\\d\\d\\b").matcher(arch)),
            "ARCHITECTURE.md's demo names no other flows: " + arch);
    }

    @Test
    void everySystemPropertyWeReadIsInArchitecture() throws IOException {
        Set<String> properties = new TreeSet<>();
        Pattern declared = Pattern.compile("PROPERTY\\s*=\\s*\"(vaenodes\\.[a-z.]+)\"|\"(vaenodes\\.[a-z]+\\.mirror)\"");
        try (Stream<Path> s = Files.walk(ROOT.resolve("plugins/org.vaenodes.engine/src/main/java"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = declared.matcher(Files.readString(p));
                while (m.find()) {
                    properties.add(m.group(1) != null ? m.group(1) : m.group(2));
                }
            }
        }
        assertTrue(properties.size() >= 6, "system properties found: " + properties);
        String readOnly = statement(architecture(), "Only read: ([^\\n]*(?:\\n  [^\\n]*)*)");
        for (String p : properties) {
            assertTrue(readOnly.contains("`" + p + "`") || architecture().contains("-D" + p),
                "ARCHITECTURE.md's process-wide settings do not name the system property " + p);
        }
    }

    @Test
    void versionsCitedExist() throws IOException {
        Manifest mf;
        try (java.io.InputStream in = Files.newInputStream(ROOT.resolve("plugins/org.vaenodes.engine/META-INF/MANIFEST.MF"))) {
            mf = new Manifest(in);
        }
        String version = mf.getMainAttributes().getValue("Bundle-Version").replace(".qualifier", "");
        Pattern cited = Pattern.compile(
            "(?:VAE Nodes|saved before|written since|added in|came with[^(\\n]*\\() ?(\\d+\\.\\d+(?:\\.\\d+)?)\\b");
        List<String> wrong = new ArrayList<>();
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("docs/ARCHITECTURE.md")));
        for (String bundle : List.of("org.vaenodes.engine", "org.vaenodes.knime")) {
            try (Stream<Path> s = Files.walk(ROOT.resolve("plugins").resolve(bundle).resolve("src/main"))) {
                s.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".xml")).forEach(files::add);
            }
        }
        for (Path f : files) {
            Matcher m = cited.matcher(Files.readString(f));
            while (m.find()) {
                if (compare(m.group(1), version) > 0) {
                    wrong.add(ROOT.relativize(f) + ": \"" + m.group() + "\"");
                }
            }
        }
        assertTrue(wrong.isEmpty(), "versions newer than the bundles' " + version + " (never released): " + wrong);
    }

    @Test
    void sizesOfSiteAndBundles() throws IOException {
        String readme = readme();
        long cuda = bytes("plugins", "org.vaenodes.engine.cuda_");
        long engine = bytes("plugins", "org.vaenodes.engine_");
        long nodes = bytes("plugins", "org.vaenodes.knime_");
        long features = bytes("features", "org.vaenodes.feature_");
        long cpu = engine + nodes + features;
        for (String p : PLATFORMS) {
            cpu += bytes("plugins", "org.vaenodes.engine.natives." + p + "_");
        }
        within(cpu, mb(statement(readme, "(\\d+) MB CPU for five platforms")), "README: CPU site");
        within(cuda, mb(statement(readme, "(\\d+) MB CUDA backend")), "README: CUDA backend");
        within(cpu + cuda + bytes("features", "org.vaenodes.cuda.feature_"),
            gb(statement(readme, "~([\\d.]+) GB: \\d+ MB CPU")), "README: everyday site");
        within(cuda, mb(statement(readme, "bindings: \\*\\*(\\d+) MB\\*\\*")), "README GPU section: CUDA feature");
        within(cpu, mb(statement(readme, "the CPU-only update site is (\\d+) MB")), "README GPU section: CPU site");
        within(cpu + cuda, gb(statement(readme, "both together ([\\d.]+) GB")), "README GPU section: both");
        String[] names = {"Linux x86_64", "Linux arm64", "Windows x86_64", "macOS Intel", "macOS Apple silicon"};
        for (int i = 0; i < names.length; i++) {
            long download = engine + nodes + features + bytes("plugins", "org.vaenodes.engine.natives." + PLATFORMS.get(i)
                + "_");
            within(download, mb(statement(readme, names[i] + " (\\d+) MB")), "README: " + names[i]);
        }
        within(unpacked("org.vaenodes.engine_"), mb(statement(readme, "engine bundle unpacked (\\d+) MB")),
            "README: engine bundle unpacked");
        within(unpacked("org.vaenodes.engine.natives.linux.x86_64_"),
            mb(statement(readme, "Linux x86_64 natives fragment unpacked (\\d+) MB")), "README: natives unpacked");
    }

    // ------------------------------------------------------------------------------------------------------------

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"));
    }

    private static String architecture() throws IOException {
        return Files.readString(ROOT.resolve("docs/ARCHITECTURE.md"));
    }

    /**
     * The first group of {@code regex} (a space in it matches any white space) in {@code text}; fails if the statement
     * is not there.
     */
    private static String statement(String text, String regex) {
        Matcher m = Pattern.compile(regex.replace(" ", "\\s+")).matcher(text); // lines may break anywhere
        if (!m.find()) {
            fail("no statement /" + regex + "/ in the docs: reworded? keep its number checked here");
        }
        return m.group(1);
    }

    private static int number(String word) {
        int n = NUMBERS.indexOf(word.toLowerCase(java.util.Locale.ROOT));
        return n >= 0 ? n : Integer.parseInt(word);
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static List<String> exportedPackages(Path manifest) throws IOException {
        String header;
        try (java.io.InputStream in = Files.newInputStream(manifest)) {
            header = new Manifest(in).getMainAttributes().getValue("Export-Package");
        }
        List<String> out = new ArrayList<>();
        for (String clause : header.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) { // commas outside quotes
            out.add(clause.split(";")[0].strip());
        }
        return out;
    }

    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static long bytes(String dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(SITE.resolve(dir))) {
            List<Path> found = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, found.size(), prefix + "* in " + SITE.resolve(dir));
            return Files.size(found.get(0));
        }
    }

    /** The bundle's size on disk once p2 unpacks it (Eclipse-BundleShape: dir): its entries' sizes. */
    private static long unpacked(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(SITE.resolve("plugins"))) {
            Path jar = s.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst().orElseThrow();
            try (JarFile f = new JarFile(jar.toFile())) {
                return f.stream().mapToLong(ZipEntry::getSize).sum();
            }
        }
    }

    private static double mb(String text) {
        return Double.parseDouble(text) * 1e6;
    }

    private static double gb(String text) {
        return Double.parseDouble(text) * 1e9;
    }

    private static void within(long measured, double stated, String what) {
        assertTrue(Math.abs(measured - stated) <= 0.05 * measured, what + ": the docs say " + stated / 1e6
            + " MB, the build has " + measured / 1e6 + " MB (more than 5 % apart)");
    }
}
