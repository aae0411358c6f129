package org.knime.core.node.port;

import java.io.InputStream;
import java.util.zip.ZipInputStream;

/** Zip stream handed to (de)serializers; only the framework (here: the test bridge) creates it (shim). */
public class PortObjectZipInputStream extends ZipInputStream {

    PortObjectZipInputStream(final InputStream inStream) {
        super(inStream);
    }
}
