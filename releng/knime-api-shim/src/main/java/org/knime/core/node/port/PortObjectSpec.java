package org.knime.core.node.port;

import java.io.IOException;

import javax.swing.JComponent;

/** Description of a port's content available at configure time (shim). */
public interface PortObjectSpec {

    /** Writes and reads specs of one type; subclasses are found reflectively. */
    abstract static class PortObjectSpecSerializer<T extends PortObjectSpec> {

        public abstract void savePortObjectSpec(final T portObjectSpec, final PortObjectSpecZipOutputStream out)
            throws IOException;

        public abstract T loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException;
    }

    public JComponent[] getViews();
}
