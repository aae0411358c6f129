package org.vaenodes.engine.model;

import java.io.InputStream;
import java.util.Properties;

import org.nd4j.linalg.factory.Nd4j;

/** Versions and device of the running engine (for provenance and archives). */
public final class EngineInfo {

    /** Version of the engine (and of the archive writer). */
    public static final String ENGINE_VERSION = "0.1.0";

    private static volatile String nd4jVersion;

    private EngineInfo() {
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
