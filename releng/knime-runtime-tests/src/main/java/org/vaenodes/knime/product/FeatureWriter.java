package org.vaenodes.knime.product;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.vaenodes.knime.product.KnimeProductAssembler.BundleId;

/**
 * The feature that makes the product: every bundle by its exact version (p2 would otherwise take only the highest of
 * two versions of one bundle), fragments for one platform with that platform's filter, as KNIME's own features do.
 */
final class FeatureWriter {

    private FeatureWriter() {
    }

    static void write(Path features, String id, List<BundleId> bundles) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feature id=\"" + id
            + "\" version=\"1.0.0\" label=\"KNIME-like product for tests (KNIME core + Eclipse)\">\n");
        for (BundleId b : bundles) {
            xml.append("  <plugin id=\"").append(b.name()).append("\" version=\"").append(b.version())
                .append("\" unpack=\"false\"");
            if (b.fragment()) {
                xml.append(" fragment=\"true\"");
            }
            b.platform().forEach((k, v) -> xml.append(' ').append(k).append("=\"").append(v).append('"'));
            xml.append("/>\n");
        }
        xml.append("</feature>\n");
        KnimeProductAssembler.write(features.resolve(id + "_1.0.0/feature.xml"), xml.toString());
    }
}
