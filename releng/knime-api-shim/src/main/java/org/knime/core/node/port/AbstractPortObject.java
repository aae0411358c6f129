package org.knime.core.node.port;

import java.io.IOException;
import java.util.zip.ZipEntry;

import org.knime.core.data.util.NonClosableInputStream;
import org.knime.core.data.util.NonClosableOutputStream;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;

/**
 * Port object that writes its own zip entries (shim). The serializer first writes an entry "meta.xml" holding the
 * class name, then lets the object write; loading instantiates the class through its public no-arg constructor.
 */
public abstract class AbstractPortObject implements PortObject {

    public AbstractPortObject() {
    }

    protected abstract void save(final PortObjectZipOutputStream out, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    protected abstract void load(final PortObjectZipInputStream in, final PortObjectSpec spec,
        final ExecutionMonitor exec) throws IOException, CanceledExecutionException;

    /** Serializer for all subclasses; subclasses declare an empty public static final Serializer. */
    public static abstract class AbstractPortObjectSerializer<T extends AbstractPortObject>
        extends PortObjectSerializer<T> {

        @SuppressWarnings("unchecked")
        @Override
        public T loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            ZipEntry entry = in.getNextEntry();
            if (entry == null || !"meta.xml".equals(entry.getName())) {
                throw new IOException("Expected zip entry meta.xml, got " + (entry == null ? "none" : entry.getName()));
            }
            ModelContentRO meta = ModelContent.loadFromXML(new NonClosableInputStream.Zip(in));
            AbstractPortObject result;
            try {
                String className = meta.getString("class_name");
                result = ClassLookup.find(className, false).asSubclass(AbstractPortObject.class)
                    .getConstructor().newInstance();
            } catch (InvalidSettingsException | ReflectiveOperationException | ClassCastException e) {
                throw new IOException("Unable to instantiate port object: " + e.getMessage(), e);
            }
            result.load(in, spec, exec);
            return (T)result;
        }

        @Override
        public void savePortObject(final T portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            out.putNextEntry(new ZipEntry("meta.xml"));
            ModelContent meta = new ModelContent("meta.xml");
            meta.addInt("version", 1);
            meta.addString("class_name", portObject.getClass().getName());
            meta.saveToXML(new NonClosableOutputStream.Zip(out));
            portObject.save(out, exec);
        }
    }
}
