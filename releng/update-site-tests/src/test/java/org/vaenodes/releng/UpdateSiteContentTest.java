package org.vaenodes.releng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks the p2 repository that users install from: our bundles are in it, KNIME's are not (our compile-time shim
 * is called org.knime.core and must never ship), and the feature declares KNIME as a requirement instead.
 */
class UpdateSiteContentTest {

    private static final Path TARGET = Path.of(System.getProperty("vaenodes.updateSite", "../../update-site/target"));
    private static final Path REPO = TARGET.resolve("repository");

    /** Eclipse os, ws, arch and the natives' Maven classifier of every platform with a native fragment. */
    private static final List<String[]> PLATFORMS = List.of(new String[] {"linux", "gtk", "x86_64", "linux-x86_64"},
        new String[] {"linux", "gtk", "aarch64", "linux-arm64"},
        new String[] {"win32", "win32", "x86_64", "windows-x86_64"},
        new String[] {"macosx", "cocoa", "x86_64", "macosx-x86_64"},
        new String[] {"macosx", "cocoa", "aarch64", "macosx-arm64"});

    /** A nested jar of native libraries, for any platform. */
    private static final java.util.regex.Pattern NATIVE_JAR = java.util.regex.Pattern
        .compile("lib/.*-(linux-x86_64|linux-arm64|windows-x86_64|macosx-x86_64|macosx-arm64)(-redist)?\\.jar");

    @Test
    void repositoryHoldsOurBundlesAndNoKnimeBundle() throws IOException {
        List<String> plugins = names(REPO.resolve("plugins"));
        assertTrue(plugins.stream().anyMatch(n -> n.startsWith("org.vaenodes.engine_")), "engine bundle missing: " + plugins);
        assertTrue(plugins.stream().anyMatch(n -> n.startsWith("org.vaenodes.knime_")), "node bundle missing: " + plugins);
        assertTrue(plugins.stream().noneMatch(n -> n.startsWith("org.knime")), "KNIME bundles must not ship: " + plugins);
        assertTrue(plugins.stream().noneMatch(n -> n.contains(".tests_")), "test bundles must not ship: " + plugins);
    }

    @Test
    void zipMirrorsTheRepositoryWithoutKnime() throws IOException {
        Path zip = TARGET.resolve("vaenodes-update-site.zip");
        assertTrue(Files.isRegularFile(zip), "update site zip missing at " + zip);
        List<String> entries = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            z.stream().map(ZipEntry::getName).forEach(entries::add);
        }
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("plugins/org.vaenodes.engine_")), entries.toString());
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("features/org.vaenodes.feature_")), entries.toString());
        assertTrue(entries.stream().noneMatch(e -> e.contains("org.knime")), "zip contains KNIME artifacts: " + entries);
    }

    @Test
    void featureRequiresKnimeCoreInsteadOfIncludingIt() throws Exception {
        Path featureJar = single(REPO.resolve("features"), "org.vaenodes.feature_");
        Document doc;
        try (JarFile jar = new JarFile(featureJar.toFile()); InputStream in = jar.getInputStream(jar.getEntry("feature.xml"))) {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        NodeList imports = doc.getElementsByTagName("import");
        boolean requiresKnime = false;
        for (int i = 0; i < imports.getLength(); i++) {
            Element e = (Element) imports.item(i);
            requiresKnime |= "org.knime.core".equals(e.getAttribute("plugin")) && e.getAttribute("version").startsWith("5.");
        }
        assertTrue(requiresKnime, "feature.xml must <requires><import plugin=\"org.knime.core\" version=\"5.x\"/>");
        NodeList included = doc.getElementsByTagName("plugin");
        for (int i = 0; i < included.getLength(); i++) {
            String id = ((Element) included.item(i)).getAttribute("id");
            assertFalse(id.startsWith("org.knime"), "feature includes KNIME bundle " + id);
        }
    }

    @Test
    void engineExportsOnlyItsOwnApiAndEmbedsNd4j() throws IOException {
        Path engineJar = single(REPO.resolve("plugins"), "org.vaenodes.engine_");
        try (JarFile jar = new JarFile(engineJar.toFile())) {
            Manifest mf = jar.getManifest();
            String exports = mf.getMainAttributes().getValue("Export-Package");
            for (String pkg : splitHeader(exports)) {
                assertTrue(pkg.startsWith("org.vaenodes.engine"), "engine must not export third-party package " + pkg);
            }
            for (String cp : splitHeader(mf.getMainAttributes().getValue("Bundle-ClassPath"))) {
                if (!cp.equals(".")) {
                    assertTrue(jar.getEntry(cp) != null, "Bundle-ClassPath entry missing from the bundle: " + cp);
                }
            }
            assertTrue(jar.getEntry("lib/nd4j-native.jar") != null, "ND4J's CPU backend (Java) not embedded");
            assertTrue(jar.stream().noneMatch(e -> NATIVE_JAR.matcher(e.getName()).matches()),
                "the engine holds Java only; natives belong in the platform fragments");
        }
    }

    /** Each platform's natives in their own fragment, with the filter that makes p2 install it there only. */
    @Test
    void eachNativeFragmentHoldsExactlyItsPlatformsNativesAndFilter() throws Exception {
        String feature = featureXml(REPO, "org.vaenodes.feature_");
        for (String[] p : PLATFORMS) {
            String id = "org.vaenodes.engine.natives." + p[0] + "." + p[2];
            Path fragment = single(REPO.resolve("plugins"), id + "_");
            try (JarFile jar = new JarFile(fragment.toFile())) {
                java.util.jar.Attributes main = jar.getManifest().getMainAttributes();
                assertEquals("(& (osgi.os=" + p[0] + ") (osgi.arch=" + p[2] + "))",
                    main.getValue("Eclipse-PlatformFilter"), id);
                assertTrue(main.getValue("Fragment-Host").startsWith("org.vaenodes.engine;"), id);
                List<String> libs = jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith("lib/") && n.endsWith(".jar")).sorted()
                    .collect(java.util.stream.Collectors.toList());
                assertEquals(Stream.of("javacpp", "nd4j-native", "nd4j-native-preset", "openblas")
                    .map(a -> "lib/" + a + "-" + p[3] + ".jar").sorted().collect(java.util.stream.Collectors.toList()),
                    libs, id);
                assertEquals(libs, splitHeader(main.getValue("Bundle-ClassPath")).stream().sorted()
                    .collect(java.util.stream.Collectors.toList()), id);
            }
            int at = feature.indexOf("id=\"" + id + "\"");
            assertTrue(at >= 0, "the feature does not include " + id);
            String entry = feature.substring(at, feature.indexOf("/>", at));
            assertTrue(entry.contains("os=\"" + p[0] + "\"") && entry.contains("ws=\"" + p[1] + "\"")
                && entry.contains("arch=\"" + p[2] + "\""), "feature entry of " + id + ": " + entry);
        }
    }

    @Test
    void reportsWhatEachPlatformDownloads() throws IOException {
        long common = 0;
        java.util.Map<String, Long> perPlatform = new java.util.TreeMap<>();
        for (String plugin : names(REPO.resolve("plugins"))) {
            long size = Files.size(REPO.resolve("plugins").resolve(plugin));
            String platform = null;
            for (String[] p : PLATFORMS) {
                if (plugin.startsWith("org.vaenodes.engine.natives." + p[0] + "." + p[2] + "_")) {
                    platform = p[3];
                }
            }
            if (platform != null) {
                perPlatform.put(platform, size);
            } else if (!plugin.startsWith("org.vaenodes.engine.cuda")) {
                common += size;
            }
        }
        assertEquals(PLATFORMS.size(), perPlatform.size(), perPlatform.toString());
        System.out.printf("update site: VAE Nodes (CPU) common bundles %.1f MB%n", common / 1e6);
        long c = common;
        perPlatform.forEach((p, size) -> System.out.printf("  %s: native fragment %.1f MB, download %.1f MB%n", p,
            size / 1e6, (c + size) / 1e6));
    }

    /**
     * Bundles that carry native libraries in nested jars are directory-shaped, as KNIME's own native bundles are: p2
     * installs them unpacked, so Equinox reads the nested jars in place instead of extracting a copy of each.
     */
    @Test
    void nativeBundlesAreInstalledAsDirectories() throws Exception {
        for (Path repo : sites()) {
            for (String plugin : names(repo.resolve("plugins"))) {
                try (JarFile jar = new JarFile(repo.resolve("plugins").resolve(plugin).toFile())) {
                    boolean natives = jar.stream().anyMatch(e -> NATIVE_JAR.matcher(e.getName()).matches());
                    // the engine's big nested Java jars (DL4J, ND4J) are read in place too
                    boolean expectDir = natives || plugin.startsWith("org.vaenodes.engine_");
                    String shape = jar.getManifest().getMainAttributes().getValue("Eclipse-BundleShape");
                    assertEquals(expectDir, "dir".equals(shape), plugin + ": Eclipse-BundleShape " + shape
                        + (natives ? " but it carries native libraries" : ""));
                }
            }
            String content = p2Content(repo);
            List<String> dirShaped = new ArrayList<>(List.of("org.vaenodes.engine", "org.vaenodes.engine.cuda"));
            PLATFORMS.forEach(p -> dirShaped.add("org.vaenodes.engine.natives." + p[0] + "." + p[2]));
            for (String id : dirShaped) {
                int at = content.indexOf("<unit id='" + id + "'");
                assertTrue(at >= 0, id + " not in content.xml");
                String unit = content.substring(at, content.indexOf("</unit>", at));
                assertTrue(unit.contains("zipped"), id + ": p2 does not install it unpacked");
            }
        }
    }

    /** The repository's content.xml (in content.jar or plain). */
    private static String p2Content(Path repo) throws IOException {
        Path jar = repo.resolve("content.jar");
        if (Files.isRegularFile(jar)) {
            try (JarFile j = new JarFile(jar.toFile()); InputStream in = j.getInputStream(j.getEntry("content.xml"))) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return Files.readString(repo.resolve("content.xml"));
    }

    @Test
    void cudaJarsShipOnlyInTheCudaFragmentAndTheMainFeatureStaysCpuOnly() throws Exception {
        checkCudaJarsOnlyInCudaFragments(REPO);
        assertFalse(featureXml(REPO, "org.vaenodes.feature_").contains("org.vaenodes.engine.cuda"),
            "the main feature must not include the CUDA backend");
        String cuda = featureXml(REPO, "org.vaenodes.cuda.feature_");
        assertTrue(cuda.contains("id=\"org.vaenodes.engine.cuda\""), "the CUDA feature includes the fragment");
        assertTrue(cuda.contains("feature=\"org.vaenodes.feature\""), "the CUDA feature requires the main feature");
        assertFalse(cuda.contains("org.vaenodes.engine.cuda.redist"), "the 1.8 GB runtime stays optional");
        assertTrue(names(REPO.resolve("plugins")).stream().noneMatch(n -> n.startsWith("org.vaenodes.engine.cuda.redist")),
            "the everyday update site carries no CUDA runtime (built with -Prelease only)");
        Path cudaJar = single(REPO.resolve("plugins"), "org.vaenodes.engine.cuda_");
        System.out.printf("update site: %,d bytes in all; CPU only %,d; CUDA backend fragment %,d%n", size(REPO),
            size(REPO) - size(cudaJar), size(cudaJar));
    }

    /** Built by -Prelease only: the full site also offers the CUDA runtime, in its own optional feature. */
    @Test
    void theFullReleaseSiteAddsTheCudaRuntimeAsAnOptionalFeature() throws Exception {
        Path full = TARGET.resolveSibling("../update-site-full/target/repository").normalize();
        Assumptions.assumeTrue(Files.isDirectory(full), "no full update site: built with -Prelease only");
        checkCudaJarsOnlyInCudaFragments(full);
        assertFalse(featureXml(full, "org.vaenodes.cuda.feature_").contains("org.vaenodes.engine.cuda.redist"),
            "the 1.8 GB runtime stays optional");
        String redist = featureXml(full, "org.vaenodes.cuda.redist.feature_");
        assertTrue(redist.contains("id=\"org.vaenodes.engine.cuda.redist\""), "the runtime feature has the fragment");
        assertTrue(redist.contains("feature=\"org.vaenodes.cuda.feature\""), "the runtime feature needs the backend");
        Path cudaJar = single(full.resolve("plugins"), "org.vaenodes.engine.cuda_");
        Path redistJar = single(full.resolve("plugins"), "org.vaenodes.engine.cuda.redist_");
        System.out.printf("full update site: %,d bytes in all; CPU only %,d; CUDA backend fragment %,d; CUDA runtime "
            + "fragment %,d%n", size(full), size(full) - size(cudaJar) - size(redistJar), size(cudaJar),
            size(redistJar));
    }

    /**
     * Every bundle we ship has an about.html, and it names every jar the bundle carries in lib/ (with its licence):
     * a library added later without a notice fails here. Every feature states a licence that names what it carries.
     */
    @Test
    void everyShippedLibraryIsNamedInItsBundlesNotice() throws Exception {
        for (Path repo : sites()) {
            for (String plugin : names(repo.resolve("plugins"))) {
                if (!plugin.startsWith("org.vaenodes.")) {
                    continue;
                }
                try (JarFile jar = new JarFile(repo.resolve("plugins").resolve(plugin).toFile())) {
                    ZipEntry about = jar.getEntry("about.html");
                    assertTrue(about != null, plugin + " has no about.html");
                    String notice;
                    try (InputStream in = jar.getInputStream(about)) {
                        notice = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    }
                    List<String> libs = jar.stream().map(ZipEntry::getName)
                        .filter(n -> n.startsWith("lib/") && n.endsWith(".jar")).toList();
                    for (String lib : libs) {
                        String file = lib.substring("lib/".length());
                        assertTrue(notice.contains("<code>" + file + "</code>"),
                            plugin + ": about.html does not name " + lib + " (add the library and its licence)");
                    }
                    assertTrue(libs.isEmpty() || notice.toLowerCase(java.util.Locale.ROOT).contains("licen"),
                        plugin + ": about.html names no licence");
                }
            }
            for (String feature : names(repo.resolve("features"))) {
                String xml = featureXml(repo, feature.substring(0, feature.indexOf('_') + 1));
                String license = xml.substring(xml.indexOf("<license"), xml.indexOf("</license>"));
                assertTrue(license.contains("about.html"), feature + ": the licence text points to no notice");
            }
        }
        String main = featureXml(REPO, "org.vaenodes.feature_");
        for (String named : List.of("Deeplearning4j", "OpenBLAS", "BSD", "JFreeChart", "LGPL", "MIT", "CC BY-SA 3.0")) {
            assertTrue(main.contains(named), "the main feature's licence text does not name " + named);
        }
    }

    /** The everyday site, and the full one if -Prelease built it. */
    private static List<Path> sites() {
        Path full = TARGET.resolveSibling("../update-site-full/target/repository").normalize();
        return Files.isDirectory(full) ? List.of(REPO, full) : List.of(REPO);
    }

    private static void checkCudaJarsOnlyInCudaFragments(Path repo) throws IOException {
        for (String plugin : names(repo.resolve("plugins"))) {
            try (JarFile jar = new JarFile(repo.resolve("plugins").resolve(plugin).toFile())) {
                boolean hasCuda = jar.stream().anyMatch(e -> e.getName().startsWith("lib/nd4j-cuda")
                    || e.getName().startsWith("lib/cuda"));
                boolean cudaBundle = plugin.startsWith("org.vaenodes.engine.cuda_")
                    || plugin.startsWith("org.vaenodes.engine.cuda.redist_");
                assertEquals(cudaBundle, hasCuda,
                    plugin + (hasCuda ? " must not carry CUDA jars" : " must carry the CUDA jars"));
            }
        }
    }

    private static String featureXml(Path repo, String prefix) throws IOException {
        Path featureJar = single(repo.resolve("features"), prefix);
        try (JarFile jar = new JarFile(featureJar.toFile()); InputStream in = jar.getInputStream(jar.getEntry("feature.xml"))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static long size(Path p) throws IOException {
        if (Files.isRegularFile(p)) {
            return Files.size(p);
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** Splits an OSGi manifest header at top-level commas (commas inside quoted attributes do not split). */
    static List<String> splitHeader(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                out.add(cur.toString().split(";")[0].trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().split(";")[0].trim());
        return out;
    }

    private static List<String> names(Path dir) throws IOException {
        assertTrue(Files.isDirectory(dir), "missing directory " + dir + " (was the update site built?)");
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path single(Path dir, String prefix) throws IOException {
        List<String> matching = names(dir).stream().filter(n -> n.startsWith(prefix)).toList();
        assertEquals(1, matching.size(), "expected exactly one " + prefix + "* in " + dir + ": " + Arrays.toString(matching.toArray()));
        return dir.resolve(matching.get(0));
    }
}
