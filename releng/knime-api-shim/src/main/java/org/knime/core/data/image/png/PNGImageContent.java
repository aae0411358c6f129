package org.knime.core.data.image.png;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.image.ImageContent;

/** PNG bytes as image content (shim). Size is read from the PNG header; decoding is lazy. */
public class PNGImageContent implements ImageContent {

    public static final DataType TYPE = DataType.getType(PNGImageCell.class);

    private static final byte[] SIGNATURE = {(byte)0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final byte[] m_bytes;

    public PNGImageContent() {
        m_bytes = new byte[0];
    }

    public PNGImageContent(final byte[] imageBytes) {
        m_bytes = imageBytes.clone();
    }

    public PNGImageContent(final InputStream is) throws IOException {
        m_bytes = is.readAllBytes();
    }

    public byte[] getByteArrayReference() {
        return m_bytes;
    }

    public byte[] getByteArray() {
        return m_bytes.clone();
    }

    public Image getImage() {
        try {
            return ImageIO.read(new ByteArrayInputStream(m_bytes));
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void paint(final Graphics2D g, final int width, final int height) {
        Image img = getImage();
        if (img != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, width, height, null);
        }
    }

    @Override
    public void save(final OutputStream output) throws IOException {
        output.write(m_bytes);
    }

    @Override
    public DataCell toImageCell() {
        return new PNGImageCell(this);
    }

    @Override
    public Dimension getPreferredSize() {
        // IHDR follows the 8 byte signature: length(4) "IHDR"(4) width(4) height(4)
        if (m_bytes.length < 24 || !Arrays.equals(Arrays.copyOf(m_bytes, 8), SIGNATURE)) {
            return new Dimension(0, 0);
        }
        return new Dimension(readInt(16), readInt(20));
    }

    private int readInt(final int off) {
        return ((m_bytes[off] & 0xff) << 24) | ((m_bytes[off + 1] & 0xff) << 16) | ((m_bytes[off + 2] & 0xff) << 8)
            | (m_bytes[off + 3] & 0xff);
    }

    @Override
    public String getSummary() {
        Dimension d = getPreferredSize();
        return "PNG image " + d.width + "x" + d.height + " (" + m_bytes.length + " bytes)";
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m_bytes);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof PNGImageContent p && Arrays.equals(p.m_bytes, m_bytes);
    }
}
