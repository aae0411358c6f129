package org.vaenodes.knime.testflows;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Starts the test probe inside the OSGi framework: registers the knime:// protocol, which in KNIME AP comes from
 * its explorer bundles (not part of KNIME's core, so not in the test product).
 */
public final class OsgiProbeActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        KnimeUrlStandIn.register(context);
    }

    @Override
    public void stop(BundleContext context) {
        // services go with the bundle
    }
}
