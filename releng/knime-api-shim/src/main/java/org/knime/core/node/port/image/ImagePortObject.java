package org.knime.core.node.port.image;

import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.io.IOException;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JScrollPane;

import org.knime.core.data.DataCell;
import org.knime.core.data.image.ImageContent;
import org.knime.core.data.util.NonClosableInputStream;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.AbstractPortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/** Port object holding one image (shim). The content is stored in an entry named after its class. */
public class ImagePortObject extends AbstractPortObject {

    /** Serializer found by the framework. */
    public static final class Serializer extends AbstractPortObjectSerializer<ImagePortObject> {
    }

    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(ImagePortObject.class);

    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(ImagePortObject.class, true);

    private ImageContent m_content;

    private ImagePortObjectSpec m_spec;

    public ImagePortObject() {
    }

    public ImagePortObject(final ImageContent content, final ImagePortObjectSpec spec) {
        if (content == null || spec == null) {
            throw new NullPointerException("Content and spec must not be null");
        }
        m_content = content;
        m_spec = spec;
    }

    public DataCell toDataCell() {
        return m_content.toImageCell();
    }

    @Override
    public String getSummary() {
        return m_content == null ? "Image" : m_content.getSummary();
    }

    @Override
    public ImagePortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    public JComponent[] getViews() {
        JPanel canvas = new JPanel() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void paintComponent(final Graphics g) {
                super.paintComponent(g);
                Dimension d = m_content.getPreferredSize();
                m_content.paint((Graphics2D)g, d.width, d.height);
            }

            @Override
            public Dimension getPreferredSize() {
                return m_content.getPreferredSize();
            }
        };
        JScrollPane pane = new JScrollPane(canvas);
        pane.setName("Image");
        return new JComponent[]{pane};
    }

    @Override
    protected void load(final PortObjectZipInputStream in, final PortObjectSpec spec, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        ZipEntry entry = in.getNextEntry();
        if (entry == null) {
            throw new IOException("No image content entry in stream");
        }
        try {
            Class<? extends ImageContent> cl = Class.forName(entry.getName()).asSubclass(ImageContent.class);
            m_content = cl.getConstructor(java.io.InputStream.class).newInstance(new NonClosableInputStream.Zip(in));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IOException("Cannot read image content of class " + entry.getName() + ": " + e.getMessage(), e);
        }
        m_spec = (ImagePortObjectSpec)spec;
    }

    @Override
    protected void save(final PortObjectZipOutputStream out, final ExecutionMonitor exec)
        throws IOException, CanceledExecutionException {
        out.putNextEntry(new ZipEntry(m_content.getClass().getName()));
        m_content.save(out);
        out.closeEntry();
    }
}
