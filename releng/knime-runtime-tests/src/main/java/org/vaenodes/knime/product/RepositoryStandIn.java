package org.vaenodes.knime.product;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.vaenodes.knime.product.KnimeProductAssembler.BundleId;

/**
 * A stand-in for KNIME AP's node repository bundle (org.knime.workbench.repository, not part of KNIME's core): only
 * the extension points that node extensions contribute to, so that KNIME's core (NodeFactoryProvider) finds our node
 * factories in the extension registry as it does in KNIME AP. No code.
 */
final class RepositoryStandIn {

    static final String NAME = "org.knime.workbench.repository";

    private static final String VERSION = "1.0.0.teststandin";

    private static final String PLUGIN_XML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <?eclipse version="3.4"?>
        <plugin>
           <extension-point id="nodes" name="Node"/>
           <extension-point id="nodesets" name="NodeSet"/>
           <extension-point id="categories" name="Category"/>
           <extension-point id="metanode" name="Metanode"/>
        </plugin>
        """;

    private RepositoryStandIn() {
    }

    static BundleId write(Path plugins) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", NAME + ";singleton:=true");
        a.putValue("Bundle-Version", VERSION);
        a.putValue("Bundle-Name", "Stand-in for KNIME AP's node repository extension points (tests only)");
        BundleId id = BundleId.of(m);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plugins.resolve(id.fileName())), m)) {
            out.putNextEntry(new ZipEntry("plugin.xml"));
            out.write(PLUGIN_XML.getBytes(StandardCharsets.UTF_8));
        }
        return id;
    }
}
