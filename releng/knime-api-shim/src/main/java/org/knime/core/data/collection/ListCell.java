package org.knime.core.data.collection;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

/** Immutable list of cells (shim); create it with {@link CollectionCellFactory}. */
public class ListCell extends DataCell implements ListDataValue {

    private static final long serialVersionUID = 1L;

    private final List<DataCell> m_cells;

    private final DataType m_elementType;

    ListCell(final List<DataCell> cells, final DataType elementType) {
        m_cells = Collections.unmodifiableList(cells);
        m_elementType = elementType;
    }

    public static final DataType getCollectionType(final DataType elementType) {
        return DataType.getType(ListCell.class, elementType);
    }

    @Override
    public DataType getElementType() {
        return m_elementType;
    }

    @Override
    public Iterator<DataCell> iterator() {
        return m_cells.iterator();
    }

    @Override
    public DataCell get(final int index) {
        return m_cells.get(index);
    }

    @Override
    public int size() {
        return m_cells.size();
    }

    @Override
    public boolean containsBlobWrapperCells() {
        return false;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((ListCell)dc).m_cells.equals(m_cells);
    }

    @Override
    public int hashCode() {
        return m_cells.hashCode();
    }

    @Override
    public String toString() {
        return m_cells.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
