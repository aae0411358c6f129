package org.vaenodes.knime.product;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import aQute.bnd.osgi.Analyzer;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;

import org.vaenodes.knime.product.KnimeProductAssembler.BundleId;

/**
 * The Eclipse and third-party jars of the product, as bundles under the names KNIME requires. Most are bundles on
 * Maven Central already and are copied unchanged; bnd wraps those that carry no OSGi manifest, renames those whose
 * Maven Central build has another symbolic name than the one KNIME's manifests (and Eclipse Orbit) use, and adds the
 * one header log4j needs.
 */
final class ThirdPartyBundles {

    /** Jars without an OSGi manifest, by file-name prefix: the bundle name and version KNIME requires. */
    private static final Map<String, String[]> WRAP = Map.ofEntries(
        Map.entry("xmlbeans-5.2.0", new String[] {"org.apache.xmlbeans", "5.2.0"}),
        Map.entry("httpcore5-5.2.4", new String[] {"org.apache.httpcomponents.core5.httpcore5", "5.2.4"}),
        Map.entry("httpcore5-5.3.4", new String[] {"org.apache.httpcomponents.core5.httpcore5", "5.3.4"}),
        Map.entry("httpcore5-h2-5.3.4", new String[] {"org.apache.httpcomponents.core5.httpcore5-h2", "5.3.4"}),
        Map.entry("httpclient5-5.4.4", new String[] {"org.apache.httpcomponents.client5.httpclient5", "5.4.4"}),
        Map.entry("commons-httpclient-3.1", new String[] {"org.apache.commons.httpclient", "3.1.0"}),
        Map.entry("httpclient-4.5.14", new String[] {"org.apache.httpcomponents.httpclient", "4.5.14"}),
        Map.entry("httpcore-4.4.16", new String[] {"org.apache.httpcomponents.httpcore", "4.4.16"}),
        Map.entry("jcalendar-1.4", new String[] {"com.toedter.jcalendar", "1.4.0"}),
        Map.entry("trove4j-3.0.3", new String[] {"net.sf.trove4j", "3.0.3"}),
        // Eclipse's CSS engine (e4.ui.css.core) needs these under Orbit's names, as the project's target wraps them
        Map.entry("batik-css-1.19", new String[] {"org.apache.batik.css", "1.19.0"}),
        Map.entry("xml-apis-ext-1.3.04", new String[] {"org.w3c.css.sac", "1.3.4"}));

    /** Bundles whose symbolic name differs from KNIME's: the name KNIME requires (the version stays). */
    private static final Map<String, String> RENAME = Map.of(
        "jakarta.activation-1.2.2", "javax.activation",
        "commons-codec-1.16.1", "org.apache.commons.codec",
        "commons-logging-1.3.0", "org.apache.commons.logging");

    /**
     * Bundles that need a header KNIME's target platform gives them: log4j 1 creates KNIME's appenders and layouts by
     * class name, which it can see only as a buddy of org.knime.core (Eclipse-RegisterBuddy: org.apache.log4j).
     */
    private static final Map<String, Map<String, String>> ADD = Map.of(
        "reload4j-1.2.25", Map.of("Eclipse-BuddyPolicy", "registered"));

    /** Headers of a renamed bundle that describe the jar, not its OSGi contract: bnd writes its own. */
    private static final List<String> NOT_CARRIED = List.of("Manifest-Version", "Created-By", "Bnd-LastModified",
        "Tool", "Build-Jdk", "Build-Jdk-Spec", "Built-By", "Bundle-ManifestVersion", "Bundle-SymbolicName");

    private ThirdPartyBundles() {
    }

    /** Puts {@code jar} into {@code plugins} as a bundle (the framework, org.eclipse.osgi, too, as in every Eclipse product). */
    static BundleId make(Path jar, Path plugins) throws Exception {
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        String[] wrap = WRAP.get(name);
        if (wrap != null) {
            return bnd(jar, plugins, wrap[0], wrap[1], Map.of(
                Constants.BUNDLE_NAME, name + " (wrapped by bnd as " + wrap[0] + ")",
                Constants.EXPORT_PACKAGE, "*;version=\"" + wrap[1] + "\";-noimport:=true",
                Constants.IMPORT_PACKAGE, "*;resolution:=optional",
                Constants.DYNAMICIMPORT_PACKAGE, "*"));
        }
        Manifest m = KnimeProductAssembler.manifest(jar);
        String rename = RENAME.get(name);
        Map<String, String> add = ADD.getOrDefault(name, Map.of());
        if (rename != null || !add.isEmpty()) {
            Map<String, String> headers = new java.util.TreeMap<>();
            for (Map.Entry<Object, Object> h : m.getMainAttributes().entrySet()) {
                String key = h.getKey().toString();
                if (!NOT_CARRIED.contains(key)) {
                    headers.put(key, h.getValue().toString());
                }
            }
            headers.putAll(add);
            String bsn = rename != null ? rename : BundleId.of(m).name();
            return bnd(jar, plugins, bsn, m.getMainAttributes().getValue(Constants.BUNDLE_VERSION), headers);
        }
        Attributes a = m.getMainAttributes();
        if (a.getValue(Constants.BUNDLE_SYMBOLICNAME) == null) {
            throw new IllegalStateException(jar + " is no OSGi bundle and has no wrapping rule in " +
                ThirdPartyBundles.class.getSimpleName());
        }
        BundleId id = BundleId.of(m);
        Files.copy(jar, plugins.resolve(id.fileName()));
        return id;
    }

    private static BundleId bnd(Path jar, Path plugins, String bsn, String version, Map<String, String> headers)
        throws Exception {
        try (Jar content = new Jar(jar.toFile()); Analyzer analyzer = new Analyzer(content)) {
            headers.forEach(analyzer::setProperty);
            analyzer.setProperty(Constants.BUNDLE_SYMBOLICNAME, bsn);
            analyzer.setProperty(Constants.BUNDLE_VERSION, version);
            analyzer.setProperty(Constants.NOEXTRAHEADERS, "true");
            Manifest m = analyzer.calcManifest();
            if (!analyzer.isOk()) {
                throw new IllegalStateException("bnd could not make " + bsn + " of " + jar + ": "
                    + analyzer.getErrors());
            }
            content.setManifest(m);
            BundleId id = BundleId.of(m);
            content.write(plugins.resolve(id.fileName()).toFile());
            return id;
        }
    }
}
