package org.vaenodes.knime.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaenodes.knime.product.FileTrees;

/**
 * Our features installed as KNIME users install them, and run as KNIME runs them (README "What the build proves about
 * installing"): p2's director (Tycho's director goal, in this module's knime-product profile) made a KNIME-like
 * product of KNIME's real core bundles (5.3.0 and 5.12.0-dev) and then installed org.vaenodes.feature and the CUDA
 * feature from our update site into it. Here we check what p2 put there, then start each product in Equinox (a forked
 * JVM whose class path is only the framework jar p2 installed; Java 17 for 5.3, 21+ for 5.12), let OSGi resolve and
 * start our bundles against KNIME's, ask KNIME's extension registry for our contributions and run every testflow in
 * batch: through KNIME's own BatchExecutor on 5.3, through a stand-in with its command line on 5.12 (whose core no
 * longer has one).
 */
@TestMethodOrder(OrderAnnotation.class)
class InstalledByP2Test {

    private static final Path PRODUCTS =
        Path.of(System.getProperty("vaenodes.knime.product", "target/knime-product")).toAbsolutePath();
    private static final Path SOURCES = Path.of("src").toAbsolutePath();

    /** The nodes our plugin.xml declares: each must reach KNIME's extension registry. */
    private static long nodesDeclared() throws java.io.IOException {
        String plugin = java.nio.file.Files.readString(RealKnimeSetup.ROOT.resolve("plugins/org.vaenodes.knime/plugin.xml"));
        return Pattern.compile("<node\\s").matcher(plugin).results().count();
    }

    /** What installing our two features may add to a KNIME on Linux x86_64: these IUs, nothing else. */
    private static final Set<String> OURS = Set.of("org.vaenodes.feature.feature.group",
        "org.vaenodes.feature.feature.jar", "org.vaenodes.cuda.feature.feature.group",
        "org.vaenodes.cuda.feature.feature.jar", "org.vaenodes.knime", "org.vaenodes.engine",
        "org.vaenodes.engine.natives.linux.x86_64", "org.vaenodes.engine.cuda");

    private static final Pattern UNIT = Pattern.compile("<unit id='([^']+)' version='([^']+)'");

    @ParameterizedTest(name = "KNIME {0}")
    @ValueSource(strings = {"5.3.0", "5.12.0-dev"})
    @Order(1)
    void p2InstalledExactlyOurBundlesForThisPlatform(String version) throws IOException {
        Path product = PRODUCTS.resolve("knime-" + version);
        List<Path> profiles = profiles(product);
        Map<String, String> after = units(profiles.get(profiles.size() - 1));
        Map<String, String> before = null;
        for (Path p : profiles) {
            Map<String, String> u = units(p);
            if (!u.containsKey("org.vaenodes.feature.feature.group")) {
                before = u;
            }
        }
        assertTrue(before != null, "no p2 profile state of the product before our install in " + profiles);
        Map<String, String> added = new TreeMap<>(after);
        added.keySet().removeAll(before.keySet());
        for (Map.Entry<String, String> b : before.entrySet()) {
            assertEquals(b.getValue(), after.get(b.getKey()), "installing our features changed " + b.getKey());
        }
        assertEquals(new TreeSet<>(OURS), added.keySet(), "the IUs p2 added to the KNIME profile");
        System.out.println("[p2] KNIME " + version + ": " + before.size() + " IUs in the KNIME-like product, " + added.size()
            + " added by installing org.vaenodes.feature + org.vaenodes.cuda.feature: " + added);

        List<String> natives;
        try (Stream<Path> s = Files.list(product.resolve("plugins"))) {
            natives = s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("org.vaenodes.engine.natives."))
                .toList();
        }
        assertEquals(1, natives.size(), "natives fragments installed: " + natives);
        assertTrue(natives.get(0).startsWith("org.vaenodes.engine.natives.linux.x86_64_"), natives.get(0));

        long total = 0;
        for (String dir : List.of("plugins", "features")) {
            try (Stream<Path> s = Files.list(product.resolve(dir))) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith("org.vaenodes.")
                    && !p.getFileName().toString().startsWith("org.vaenodes.test.")).sorted().toList()) {
                    long bytes = bytes(p);
                    total += bytes;
                    System.out.printf("[p2] KNIME " + version + ": installed %s/%s: %.1f MB%n", dir, p.getFileName(), bytes / 1e6);
                }
            }
        }
        System.out.printf("[p2] KNIME " + version + ": installed size of our features: %.1f MB (%d bytes)%n", total / 1e6, total);
        assertTrue(total > 0);
    }

    @ParameterizedTest(name = "KNIME {0}")
    @ValueSource(strings = {"5.3.0", "5.12.0-dev"})
    @Order(2)
    @Timeout(value = 40, unit = TimeUnit.MINUTES)
    void osgiResolvesOurBundlesAndKnimeRunsEveryFlowInBatch(String version) throws Exception {
        Path product = PRODUCTS.resolve("knime-" + version);
        profiles(product); // the product is there
        Path work = PRODUCTS.resolve("osgi-run-" + version);
        FileTrees.deleteTree(work);
        int release = version.equals("5.3.0") ? 17 : 21; // KNIME 5.12's bundles require JavaSE-21
        Jdks.Jdk jdk = Jdks.atLeast(release).orElseThrow(() -> RealKnimeSetup.unavailable("no JDK " + release + "+"));
        Path framework = single(product.resolve("plugins"), "org.eclipse.osgi_");
        Path launcher = compile(jdk, release, work.resolve("launcher"), List.of(framework),
            SOURCES.resolve("osgi-launcher"));
        Path probe = probeBundle(jdk, release, version, work);
        Path log = work.resolve("osgi.log");
        List<String> cmd = new ArrayList<>(List.of(jdk.tool("java").toString(), "-Xmx3g", "-Djava.awt.headless=true",
            "-Dorg.knime.core.maxThreads=2", "-Dorg.bytedeco.javacpp.cachedir=" + work.resolve("run/javacpp-cache")));
        KnimeHarness.KNIME_INI_OPENS.forEach(o -> cmd.add("--add-opens=" + o + "=ALL-UNNAMED"));
        cmd.addAll(List.of("-cp", framework + java.io.File.pathSeparator + launcher,
            "org.vaenodes.knime.osgi.KnimeOsgiLauncher", product.toString(), work.resolve("run").toString(),
            probe.toString(), RealKnimeSetup.TESTFLOWS.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OMP_NUM_THREADS", "2");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        RealKnimeSetup.assertExit0(pb.start(), "KNIME " + version + " in OSGi", log, 30);
        List<String> report = Files.readAllLines(log).stream().filter(l -> l.startsWith("[osgi] "))
            .map(l -> l.substring(7)).toList();
        report.forEach(l -> System.out.println("[osgi " + version + "] " + l));
        String all = String.join("\n", report);

        assertTrue(report.contains("0 bundles unresolved"), "every installed bundle resolved");
        assertTrue(report.contains("framework stopped"));
        // lazy activation: org.vaenodes.knime STARTING until KNIME first loads a node factory, then ACTIVE
        assertLine(report, "bundle after the flows: org.vaenodes.knime \\S+ ACTIVE");
        assertLine(report, "bundle after the flows: org.vaenodes.engine \\S+ (RESOLVED|ACTIVE)");
        for (String fragment : List.of("org.vaenodes.engine.natives.linux.x86_64", "org.vaenodes.engine.cuda")) {
            assertLine(report, "bundle after the flows: " + Pattern.quote(fragment)
                + " \\S+ RESOLVED \\(fragment attached to \\[org.vaenodes.engine\\]\\)");
        }
        // the CUDA fragment is there but not used without an NVIDIA driver
        assertLine(report, "backend probe: BackendProbe\\[cudaBackendPresent=true, driverPresent=false.*");
        assertLine(report, "backend in use: CPU .*NVIDIA driver is missing.*");

        long factories = report.stream().filter(l -> l.matches(
            "registry org\\.knime\\.workbench\\.repository\\.nodes org\\.vaenodes\\.knime\\.nodes\\..+NodeFactory"))
            .distinct().count();
        assertEquals(nodesDeclared(), factories, "node factories in KNIME's extension registry:\n" + all);
        assertLine(report, "registry org\\.knime\\.core\\.PortType org\\.vaenodes\\.knime\\.port\\.VaeModelPortObject");
        assertLine(report, "registry org\\.eclipse\\.ui\\.preferencePages org\\.vaenodes\\.knime\\.prefs\\..+");
        assertLine(report, "port type registry: VAE Model \\(org\\.vaenodes\\.knime\\.port\\.VaeModelPortObject\\)");

        List<Path> flows;
        try (Stream<Path> s = Files.list(RealKnimeSetup.TESTFLOWS)) {
            flows = s.filter(f -> Files.isRegularFile(f.resolve("workflow.knime"))).sorted().toList();
        }
        assertEquals(8, flows.size(), "the flows in testflows/: " + flows);
        for (Path flow : flows) {
            checkFlow(flow, report, work.resolve("run/exports").resolve(flow.getFileName().toString()));
        }
        var grid = ImageIO.read(work.resolve("run/exports/01_mnist_vae_grid/latent-grid.png").toFile());
        assertEquals(280, grid.getWidth(), "-option=3,grid_size,10,int: 10 digits of 28 pixels a row");
        assertEquals(280, grid.getHeight());

        assertLine(report, "first start: framework start to first node executed \\d+ ms");
        Matcher cache = Pattern.compile("javacpp cache (\\d+) bytes after 01_mnist_vae_grid").matcher(all);
        assertTrue(cache.find() && Long.parseLong(cache.group(1)) > 0, "JavaCPP extracted its libraries: " + all);
        assertFalse(report.stream().anyMatch(l -> l.matches("knime\\.log: \\S+ \\S+ : (ERROR|FATAL|CODING) .*")),
            "no ERROR, FATAL or CODING line in knime.log");
    }

    /** The flow's exit code (4 if its expected file declares a failure, else 0), the failure and its exports. */
    private static void checkFlow(Path flow, List<String> report, Path exports) throws IOException {
        String name = flow.getFileName().toString();
        List<String> expected = Files.readAllLines(flow.resolve("expected"));
        List<String> fails = expected.stream().filter(l -> l.startsWith("fails ")).toList();
        assertLine(report, "flow " + Pattern.quote(name) + ": .* -workflowDir=<copy> -reset -nosave.* returned "
            + (fails.isEmpty() ? 0 : 4) + " in .*");
        for (String f : fails) { // "fails 2 ~ is an IDX label file"
            Matcher m = Pattern.compile("fails (\\d+) ~ (.+)").matcher(f);
            assertTrue(m.matches(), f);
            assertLine(report, "  " + Pattern.quote(name) + " #" + m.group(1) + " .*" + Pattern.quote(m.group(2).strip())
                + ".*");
        }
        for (String l : report) {
            if (l.startsWith("  " + name + " #") && !l.contains("MISSING Testflow Configuration")) {
                boolean declared = fails.stream().anyMatch(f -> l.startsWith("  " + name + " #" + f.split(" ")[1] + " "));
                assertTrue(declared || l.matches(".*: EXECUTED( \\[WARNING\\] .*)?"), "node not executed: " + l);
            }
        }
        for (String l : expected) {
            Matcher m = Pattern.compile("export (\\d+:\\d+) -> (\\S+\\.png)").matcher(l.strip());
            if (m.matches()) {
                Path png = exports.resolve(m.group(2));
                assertTrue(Files.size(png) > 0 && ImageIO.read(png.toFile()) != null, "image port written: " + png);
            }
        }
    }

    private static void assertLine(List<String> report, String regex) {
        assertTrue(report.stream().anyMatch(l -> l.matches(regex)),
            "no report line matches /" + regex + "/ in:\n" + String.join("\n", report));
    }

    /**
     * The test probe: a bundle of our own that requires KNIME's core and runs flows with KNIME's BatchExecutor (or,
     * for cores without one, our stand-in), compiled against that KNIME's core jars. The knime:// stand-in and the
     * batch options are the harness's and our runner's.
     */
    private static Path probeBundle(Jdks.Jdk jdk, int release, String version, Path work) throws Exception {
        List<Path> cp = new ArrayList<>();
        for (Path dir : List.of(RealKnimeSetup.ROOT.resolve("../shared/knime-runtime/" + version),
            PRODUCTS.resolve("jars-" + version))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(cp::add);
            }
        }
        Path testflows = SOURCES.resolve("harness/java/org/vaenodes/knime/testflows");
        Path classes = compile(jdk, release, work.resolve("probe"), cp, SOURCES.resolve("osgi-probe/java"),
            SOURCES.resolve(version.equals("5.3.0") ? "osgi-probe/java-5.3" : "osgi-probe/java-5.12"),
            testflows.resolve("KnimeUrlStandIn.java"), testflows.resolve("KnimeBatchOptions.java"),
            KnimeHarness.SHARED.resolve("BatchOverrides.java"), KnimeHarness.SHARED.resolve("WorkflowDefinition.java"),
            KnimeHarness.SHARED.resolve("KnimeWorkflowFormat.java"));
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.vaenodes.test.osgiprobe");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Name", "VAE Nodes test probe (tests only)");
        a.putValue("Bundle-Activator", "org.vaenodes.knime.testflows.OsgiProbeActivator");
        a.putValue("Require-Bundle", "org.knime.core,org.eclipse.core.runtime,org.eclipse.core.resources");
        Path jar = work.resolve("org.vaenodes.test.osgiprobe.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m);
            Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
            }
        }
        return jar;
    }

    private static Path compile(Jdks.Jdk jdk, int release, Path classes, List<Path> classPath, Path... sources)
        throws Exception {
        Files.createDirectories(classes);
        List<String> cmd = new ArrayList<>(List.of(jdk.tool("javac").toString(), "-nowarn", "-proc:none", "-encoding",
            "UTF-8", "--release", Integer.toString(release), "-d", classes.toString(), "-cp",
            RealKnimeSetup.classPath(classPath)));
        for (Path src : sources) {
            try (Stream<Path> s = Files.walk(src)) {
                s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> cmd.add(p.toString()));
            }
        }
        Path log = classes.resolveSibling(classes.getFileName() + "-javac.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RealKnimeSetup.assertExit0(p, "Compiling " + List.of(sources), log, 5);
        return classes;
    }

    /** The p2 profile's states, oldest first; the product must be there (made by the knime-product profile). */
    private static List<Path> profiles(Path product) throws IOException {
        Path registry = product.resolve("p2/org.eclipse.equinox.p2.engine/profileRegistry/KNIMEProfile.profile");
        if (!Files.isDirectory(registry)) {
            throw RealKnimeSetup.unavailable("no KNIME-like product installed by p2 at " + product + " (this module's"
                + " knime-product profile makes it when KNIME's core jars are in ../shared/knime-runtime)");
        }
        try (Stream<Path> s = Files.list(registry)) {
            return s.filter(p -> p.toString().endsWith(".profile.gz"))
                .sorted((x, y) -> Long.compare(stamp(x), stamp(y))).toList();
        }
    }

    private static long stamp(Path profile) {
        return Long.parseLong(profile.getFileName().toString().replace(".profile.gz", ""));
    }

    private static Map<String, String> units(Path profile) throws IOException {
        String xml;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(profile))) {
            xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<String, String> units = new TreeMap<>();
        Matcher m = UNIT.matcher(xml);
        while (m.find()) {
            units.put(m.group(1), m.group(2));
        }
        return units;
    }

    private static Path single(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, found.size(), prefix + "* in " + dir + ": " + found);
            return found.get(0);
        }
    }

    private static long bytes(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            long sum = 0;
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                sum += Files.size(f);
            }
            return sum;
        }
    }
}
