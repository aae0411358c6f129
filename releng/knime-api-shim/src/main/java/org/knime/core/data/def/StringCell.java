package org.knime.core.data.def;

import java.util.Objects;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.StringValue;

/** Cell holding a non-null string (shim). */
public final class StringCell extends DataCell implements StringValue {

    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(StringCell.class);

    private final String m_value;

    public StringCell(final String str) {
        m_value = Objects.requireNonNull(str, "String must not be null");
    }

    @Override
    public String getStringValue() {
        return m_value;
    }

    @Override
    public String toString() {
        return m_value;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((StringCell)dc).m_value.equals(m_value);
    }

    @Override
    public int hashCode() {
        return m_value.hashCode();
    }
}
