package org.vaenodes.shim.spi;

import java.io.InputStream;
import java.io.OutputStream;

import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;

/**
 * Creates the port zip streams, whose constructors are package-private as in KNIME. Implemented inside
 * org.knime.core.node.port and registered with {@link ShimHooks}. Not KNIME API.
 */
public interface PortBridge {
    PortObjectZipOutputStream objectOut(OutputStream out);

    PortObjectZipInputStream objectIn(InputStream in);

    PortObjectSpecZipOutputStream specOut(OutputStream out);

    PortObjectSpecZipInputStream specIn(InputStream in);
}
