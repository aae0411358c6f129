package org.knime.core.data.collection;

import org.knime.core.data.DataCell;

/** A collection of cells (shim). */
public interface CellCollection extends Iterable<DataCell> {

    public boolean containsBlobWrapperCells();
}
