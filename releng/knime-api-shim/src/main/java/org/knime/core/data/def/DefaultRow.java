package org.knime.core.data.def;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;

/** Immutable row backed by an array of cells (shim). */
public class DefaultRow implements DataRow {

    private final RowKey m_key;

    private final DataCell[] m_cells;

    public DefaultRow(final RowKey rowKey, final DataCell... row) {
        m_key = Objects.requireNonNull(rowKey, "Row key must not be null");
        m_cells = row.clone();
        for (int i = 0; i < m_cells.length; i++) {
            if (m_cells[i] == null) {
                throw new NullPointerException("Cell " + i + " of row " + rowKey + " is null");
            }
        }
    }

    public DefaultRow(final String rowId, final DataCell... row) {
        this(new RowKey(rowId), row);
    }

    public DefaultRow(final String rowId, final List<DataCell> row) {
        this(new RowKey(rowId), row);
    }

    public DefaultRow(final RowKey rowKey, final List<DataCell> row) {
        this(rowKey, row.toArray(new DataCell[0]));
    }

    public DefaultRow(final RowKey rowKey, final double... row) {
        this(rowKey, Arrays.stream(row).mapToObj(DoubleCell::new).toArray(DataCell[]::new));
    }

    public DefaultRow(final String rowId, final double... row) {
        this(new RowKey(rowId), row);
    }

    public DefaultRow(final String rowId, final int... row) {
        this(new RowKey(rowId), row);
    }

    public DefaultRow(final RowKey rowKey, final int... row) {
        this(rowKey, Arrays.stream(row).mapToObj(IntCell::new).toArray(DataCell[]::new));
    }

    public DefaultRow(final String rowId, final String... row) {
        this(new RowKey(rowId), row);
    }

    public DefaultRow(final RowKey rowKey, final String... row) {
        this(rowKey, Arrays.stream(row).map(StringCell::new).toArray(DataCell[]::new));
    }

    public DefaultRow(final String rowId, final DataRow row) {
        this(new RowKey(rowId), row);
    }

    public DefaultRow(final RowKey key, final DataRow row) {
        this(key, IntStream.range(0, row.getNumCells()).mapToObj(row::getCell).toArray(DataCell[]::new));
    }

    public final int getNumCells() {
        return m_cells.length;
    }

    public final RowKey getKey() {
        return m_key;
    }

    public final DataCell getCell(final int index) {
        return m_cells[index];
    }

    public Iterator<DataCell> iterator() {
        return Arrays.asList(m_cells).iterator();
    }

    @Override
    public String toString() {
        return m_key + ": " + Arrays.toString(m_cells);
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof DefaultRow r && r.m_key.equals(m_key) && Arrays.equals(r.m_cells, m_cells);
    }

    @Override
    public int hashCode() {
        return m_key.hashCode() * 31 + Arrays.hashCode(m_cells);
    }
}
