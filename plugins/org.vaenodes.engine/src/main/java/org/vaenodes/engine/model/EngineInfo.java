package org.vaenodes.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import org.nd4j.linalg.factory.Nd4j;

/** Versions and device of the running engine (for provenance and archives). */
public final class EngineInfo {

    /** What {@link #engineVersion()} says when the engine does not run from its bundle (its own tests). */
    public static final String UNKNOWN_VERSION = "unknown (not run from the org.vaenodes.engine bundle)";

    private static volatile String engineVersion;

    private static volatile String nd4jVersion;

    private EngineInfo() {
    }

    /**
     * The engine's version (and the archive writer's): the Bundle-Version of the org.vaenodes.engine bundle these
     * classes were loaded from, e.g. "0.1.0.202612041829"; {@link #UNKNOWN_VERSION} when they come from a class folder.
     */
    public static String engineVersion() {
        if (engineVersion == null) {
            engineVersion = bundleVersion("org.vaenodes.engine");
        }
        return engineVersion;
    }

    private static String bundleVersion(String symbolicName) {
        try {
            // the bundle's own manifest, among those of the jars nested in it (Bundle-ClassPath) or beside it
            Enumeration<URL> manifests = EngineInfo.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                try (InputStream in = manifests.nextElement().openStream()) {
                    Attributes a = new Manifest(in).getMainAttributes();
                    String bsn = a.getValue("Bundle-SymbolicName");
                    if (bsn != null && bsn.split(";")[0].strip().equals(symbolicName)) {
                        String v = a.getValue("Bundle-Version");
                        return v == null ? UNKNOWN_VERSION : v.strip();
                    }
                }
            }
        } catch (IOException e) {
            // fall through: a version we cannot read is unknown, not an error
        }
        return UNKNOWN_VERSION;
    }

    /** ND4J's version, read from its jar's Maven metadata. */
    public static String nd4jVersion() {
        if (nd4jVersion == null) {
            String v = "unknown";
            try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    v = p.getProperty("version", v);
                }
            } catch (Exception e) {
                // keep "unknown"
            }
            nd4jVersion = v;
        }
        return nd4jVersion;
    }
}
