package org.vaenodes.knime.product;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Lays out a KNIME-like product as p2's publisher wants it ({@code plugins/} + {@code features/}): KNIME's real core
 * bundles re-packed into the shape their manifests describe, the Eclipse and third-party bundles they require (bnd
 * wraps the jars that are no bundles and renames those KNIME knows by another name, as KNIME's target platform does),
 * a stand-in for KNIME AP's node repository bundle, and one feature that lists them all by exact version. Test-time
 * only: none of it is shipped.
 *
 * <p>
 * Arguments: the folder of KNIME's core jars, the folder of jars from Maven Central, the output folder, and the folder
 * p2's director will install into (emptied here, so that each build's installation starts afresh).
 */
public final class KnimeProductAssembler {

    /** The feature p2's director installs to make the product. */
    public static final String PRODUCT_FEATURE = "org.vaenodes.test.knimeproduct";

    private KnimeProductAssembler() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException(
                "usage: KnimeProductAssembler <knime core jars> <central jars> <out> <installation>");
        }
        FileTrees.deleteTree(Path.of(args[3]));
        Path knime = Path.of(args[0]);
        Path central = Path.of(args[1]);
        Path out = Path.of(args[2]);
        FileTrees.deleteTree(out);
        Path plugins = Files.createDirectories(out.resolve("plugins"));
        List<BundleId> bundles = new ArrayList<>();
        for (Path jar : jars(knime)) {
            if (!jar.getFileName().toString().endsWith(".schemas.jar")) {
                bundles.add(KnimeBundleRepacker.repack(jar, central, plugins));
            }
        }
        for (Path jar : jars(central)) {
            bundles.add(ThirdPartyBundles.make(jar, plugins));
        }
        bundles.add(RepositoryStandIn.write(plugins));
        FeatureWriter.write(out.resolve("features"), PRODUCT_FEATURE, bundles);
        System.out.println("[knime-product] " + bundles.size() + " bundles in " + out);
    }

    static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** A bundle's name and version as p2 will publish them, and the platform it is for (fragments of SWT). */
    record BundleId(String name, String version, boolean fragment, Map<String, String> platform) {

        static BundleId of(Manifest m) {
            Attributes a = m.getMainAttributes();
            String bsn = a.getValue("Bundle-SymbolicName");
            if (bsn == null) {
                throw new IllegalStateException("not a bundle: no Bundle-SymbolicName");
            }
            Map<String, String> platform = new TreeMap<>();
            String filter = a.getValue("Eclipse-PlatformFilter");
            if (filter != null) {
                for (String key : List.of("osgi.os", "osgi.ws", "osgi.arch")) {
                    var match = java.util.regex.Pattern.compile("\\(" + key.replace(".", "\\.") + "=([^)]+)\\)")
                        .matcher(filter);
                    if (match.find()) {
                        platform.put(key.substring(5), match.group(1).strip());
                    }
                }
            }
            return new BundleId(bsn.split(";")[0].strip(), a.getValue("Bundle-Version").strip(),
                a.getValue("Fragment-Host") != null, platform);
        }

        String fileName() {
            return name + "_" + version + ".jar";
        }
    }

    static Manifest manifest(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile(), false)) {
            Manifest m = f.getManifest();
            if (m == null) {
                throw new IOException(jar + " has no META-INF/MANIFEST.MF");
            }
            return m;
        }
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
