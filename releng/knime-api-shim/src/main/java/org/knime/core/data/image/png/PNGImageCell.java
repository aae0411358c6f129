package org.knime.core.data.image.png;

import org.knime.core.data.DataCell;

/** Cell holding PNG bytes; create with {@link PNGImageContent#toImageCell()} (shim). */
public class PNGImageCell extends DataCell implements PNGImageValue {

    private static final long serialVersionUID = 1L;

    private final PNGImageContent m_content;

    PNGImageCell(final PNGImageContent content) {
        m_content = content;
    }

    @Override
    public PNGImageContent getImageContent() {
        return m_content;
    }

    @Override
    public String toString() {
        return m_content.getSummary();
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((PNGImageCell)dc).m_content.equals(m_content);
    }

    @Override
    public int hashCode() {
        return m_content.hashCode();
    }

    @Override
    public String getImageExtension() {
        return "png";
    }
}
