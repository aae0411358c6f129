package org.knime.core.data;

import java.io.Serializable;

import org.knime.core.data.collection.CollectionDataValue;

/** Base class of all cells (shim). */
public abstract class DataCell implements DataValue, Serializable {

    private static final long serialVersionUID = 1L;

    public final DataType getType() {
        if (this instanceof CollectionDataValue c) {
            return DataType.getType(getClass(), c.getElementType());
        }
        return DataType.getType(getClass());
    }

    public boolean isMissing() {
        return false;
    }

    @Override
    public abstract String toString();

    @Override
    public final boolean equals(final Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof DataCell other)) {
            return false;
        }
        if (isMissing() || other.isMissing()) {
            return isMissing() && other.isMissing();
        }
        return getClass() == other.getClass() && equalsDataCell(other);
    }

    protected abstract boolean equalsDataCell(final DataCell dc);

    @Override
    public abstract int hashCode();
}
