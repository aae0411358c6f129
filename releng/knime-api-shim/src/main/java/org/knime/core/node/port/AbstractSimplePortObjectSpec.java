package org.knime.core.node.port;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.knime.core.data.util.NonClosableInputStream;
import org.knime.core.data.util.NonClosableOutputStream;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;

/** Port object spec stored as a model content tree (shim). */
public abstract class AbstractSimplePortObjectSpec implements PortObjectSpec {

    public AbstractSimplePortObjectSpec() {
    }

    protected abstract void save(final ModelContentWO model);

    protected abstract void load(final ModelContentRO model) throws InvalidSettingsException;

    /** Serializer for all subclasses; subclasses declare an empty public static final Serializer. */
    public static abstract class AbstractSimplePortObjectSpecSerializer<T extends AbstractSimplePortObjectSpec>
        extends PortObjectSpecSerializer<T> {

        @Override
        public T loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            ZipEntry entry = in.getNextEntry();
            if (entry == null || !"content.xml".equals(entry.getName())) {
                throw new IOException(
                    "Expected zip entry content.xml, got " + (entry == null ? "none" : entry.getName()));
            }
            ModelContentRO model = ModelContent.loadFromXML(new NonClosableInputStream.Zip(in));
            try {
                return loadPortObjectSpecFromModelSettings(model);
            } catch (ReflectiveOperationException e) {
                throw new IOException("Unable to instantiate port object spec: " + e.getMessage(), e);
            }
        }

        @Override
        public void savePortObjectSpec(final T portObject, final PortObjectSpecZipOutputStream out)
            throws IOException {
            ModelContent model = new ModelContent("model.xml");
            savePortObjectSpecToModelSettings(portObject, model);
            out.putNextEntry(new ZipEntry("content.xml"));
            model.saveToXML(new NonClosableOutputStream.Zip(out));
        }

        @SuppressWarnings("unchecked")
        public static <T extends AbstractSimplePortObjectSpec> T loadPortObjectSpecFromModelSettings(
            final ModelContentRO model)
            throws IOException, ClassNotFoundException, InstantiationException, IllegalAccessException {
            try {
                String className = model.getString("class_name");
                Class<? extends AbstractSimplePortObjectSpec> cl =
                    ClassLookup.find(className, true).asSubclass(AbstractSimplePortObjectSpec.class);
                AbstractSimplePortObjectSpec result = cl.getConstructor().newInstance();
                result.load(model.getModelContent("model"));
                return (T)result;
            } catch (InvalidSettingsException e) {
                throw new IOException("Unable to load port object spec: " + e.getMessage(), e);
            } catch (NoSuchMethodException | java.lang.reflect.InvocationTargetException e) {
                throw new InstantiationException("No usable public no-arg constructor: " + e);
            }
        }

        public static <T extends AbstractSimplePortObjectSpec> void savePortObjectSpecToModelSettings(final T spec,
            final ModelContentWO model) {
            model.addInt("version", 1);
            model.addString("class_name", spec.getClass().getName());
            spec.save(model.addModelContent("model"));
        }
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    private byte[] contentBytes() {
        ModelContent m = new ModelContent("spec");
        save(m);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try {
            m.saveToXML(bos);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bos.toByteArray();
    }

    @Override
    public boolean equals(final Object ospec) {
        if (ospec == this) {
            return true;
        }
        return ospec != null && ospec.getClass() == getClass()
            && java.util.Arrays.equals(contentBytes(), ((AbstractSimplePortObjectSpec)ospec).contentBytes());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(contentBytes());
    }
}
