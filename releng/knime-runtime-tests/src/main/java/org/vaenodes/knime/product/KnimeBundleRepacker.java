package org.vaenodes.knime.product;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.vaenodes.knime.product.KnimeProductAssembler.BundleId;

/**
 * Gives one of KNIME's core jars the shape its own manifest describes. The jars in ../shared/knime-runtime are flat
 * (classes at the root, the XMLBeans schemas beside them as {@code <bundle>.schemas.jar}), but their manifests,
 * which stay KNIME's byte for byte, name nested jars in Bundle-ClassPath ({@code knime-core.jar, lib/schemas.jar});
 * Equinox would find no class. This builds the bundle as KNIME's build.properties does: the classes in the nested
 * jar the class path names (unless it names "."), the schemas as lib/schemas.jar, a library named there from the
 * Maven Central jars, and the manifest, plugin.xml and other resources at the root.
 */
final class KnimeBundleRepacker {

    private KnimeBundleRepacker() {
    }

    static BundleId repack(Path flatJar, Path centralJars, Path plugins) throws IOException {
        Manifest manifest = KnimeProductAssembler.manifest(flatJar);
        BundleId id = BundleId.of(manifest);
        List<String> classPath = new ArrayList<>();
        String header = manifest.getMainAttributes().getValue("Bundle-ClassPath");
        for (String e : (header == null ? "." : header).split(",")) {
            classPath.add(e.strip());
        }
        boolean classesAtRoot = classPath.contains(".");
        String base = flatJar.getFileName().toString().replaceFirst("\\.jar$", "");
        try (ZipFile flat = new ZipFile(flatJar.toFile());
            ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(plugins.resolve(id.fileName())))) {
            out.putNextEntry(new ZipEntry(JarFile.MANIFEST_NAME));
            try (InputStream in = flat.getInputStream(flat.getEntry(JarFile.MANIFEST_NAME))) {
                in.transferTo(out);
            }
            for (Enumeration<? extends ZipEntry> en = flat.entries(); en.hasMoreElements();) {
                ZipEntry e = en.nextElement();
                // resources stay at the root too: KNIME reads some as bundle entries, some through its class loader
                if (!e.isDirectory() && !e.getName().equals(JarFile.MANIFEST_NAME)
                    && (classesAtRoot || !e.getName().endsWith(".class"))) {
                    copyEntry(flat, e, out);
                }
            }
            for (String entry : classPath) {
                if (entry.equals(".")) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry));
                if (entry.equals("lib/schemas.jar")) {
                    Files.copy(flatJar.resolveSibling(base + ".schemas.jar"), out);
                } else if (entry.startsWith("libs/") || entry.startsWith("lib/")) {
                    Path library = centralJars.resolve(entry.substring(entry.indexOf('/') + 1));
                    if (!Files.isRegularFile(library)) {
                        throw new IOException(flatJar + " names " + entry + " in Bundle-ClassPath, but " + library
                            + " is not among the Maven Central jars");
                    }
                    Files.copy(library, out);
                } else {
                    out.write(classesJar(flat));
                }
            }
        }
        return id;
    }

    /** Everything of the flat jar but its manifest, as the nested jar of classes. */
    private static byte[] classesJar(ZipFile flat) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream nested = new ZipOutputStream(bytes)) {
            for (Enumeration<? extends ZipEntry> en = flat.entries(); en.hasMoreElements();) {
                ZipEntry e = en.nextElement();
                if (!e.isDirectory() && !e.getName().equals(JarFile.MANIFEST_NAME)) {
                    copyEntry(flat, e, nested);
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void copyEntry(ZipFile from, ZipEntry e, ZipOutputStream to) throws IOException {
        to.putNextEntry(new ZipEntry(e.getName()));
        try (InputStream in = from.getInputStream(e)) {
            in.transferTo(to);
        }
    }
}
