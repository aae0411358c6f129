package org.knime.core.data;

import java.util.Iterator;

/** Iterator over rows; removal is not supported (shim). */
public abstract class RowIterator implements Iterator<DataRow> {

    @Override
    public abstract boolean hasNext();

    @Override
    public abstract DataRow next();

    @Override
    public final void remove() {
        throw new UnsupportedOperationException("Rows cannot be removed");
    }
}
