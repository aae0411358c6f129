package org.knime.core.node.port;

import java.io.InputStream;
import java.io.OutputStream;

import org.vaenodes.shim.spi.PortBridge;
import org.vaenodes.shim.spi.ShimHooks;

/** Lets the test bridge create the port zip streams (constructors are package-private as in KNIME). */
final class ShimPortBridge implements PortBridge {

    static {
        ShimHooks.registerPortBridge(new ShimPortBridge());
    }

    private ShimPortBridge() {
    }

    @Override
    public PortObjectZipOutputStream objectOut(final OutputStream out) {
        return new PortObjectZipOutputStream(out);
    }

    @Override
    public PortObjectZipInputStream objectIn(final InputStream in) {
        return new PortObjectZipInputStream(in);
    }

    @Override
    public PortObjectSpecZipOutputStream specOut(final OutputStream out) {
        return new PortObjectSpecZipOutputStream(out);
    }

    @Override
    public PortObjectSpecZipInputStream specIn(final InputStream in) {
        return new PortObjectSpecZipInputStream(in);
    }
}
