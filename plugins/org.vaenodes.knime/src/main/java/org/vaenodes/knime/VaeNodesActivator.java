package org.vaenodes.knime;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.vaenodes.knime.logging.KnimeLogRouting;

/** Started by OSGi before any class of the bundle is used (lazy activation): routes our logging into KNIME's log. */
public final class VaeNodesActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        KnimeLogRouting.install();
    }

    @Override
    public void stop(BundleContext context) {
        // the routing lives as long as the JVM; nothing to release
    }
}
