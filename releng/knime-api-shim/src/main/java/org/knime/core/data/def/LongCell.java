package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.LongValue;

/** Cell holding a long (shim). */
public class LongCell extends DataCell implements LongValue, DoubleValue {

    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(LongCell.class);

    private final long m_value;

    public LongCell(final long l) {
        m_value = l;
    }

    @Override
    public long getLongValue() {
        return m_value;
    }

    @Override
    public double getDoubleValue() {
        return m_value;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((LongCell)dc).m_value == m_value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(m_value);
    }

    @Override
    public String toString() {
        return Long.toString(m_value);
    }
}
