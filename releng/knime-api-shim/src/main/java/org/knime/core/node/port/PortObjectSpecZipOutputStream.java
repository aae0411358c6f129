package org.knime.core.node.port;

import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/** Zip stream handed to (de)serializers; only the framework (here: the test bridge) creates it (shim). */
public class PortObjectSpecZipOutputStream extends ZipOutputStream {

    PortObjectSpecZipOutputStream(final OutputStream outStream) {
        super(outStream);
    }
}
