package org.knime.core.data.container;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowIterator;

/**
 * Collects rows in memory (shim). Rows are checked against the spec when added: cell count, cell types (missing
 * cells always fit) and unique row keys.
 */
public class DataContainer implements RowAppender {

    public static final int NOT_IN_WORKFLOW_BUFFER = -1;

    private final DataTableSpec m_spec;

    private final List<DataRow> m_rows = new ArrayList<>();

    private final Set<String> m_keys = new HashSet<>();

    private DataTable m_table;

    public DataContainer(final DataTableSpec spec) {
        this(spec, false);
    }

    public DataContainer(final DataTableSpec spec, final boolean initDomain) {
        if (spec == null) {
            throw new NullPointerException("Spec must not be null");
        }
        m_spec = spec;
    }

    @Override
    public void addRowToTable(final DataRow row) {
        if (!isOpen()) {
            throw new IllegalStateException("Cannot add row: container has been closed");
        }
        if (row.getNumCells() != m_spec.getNumColumns()) {
            throw new IllegalArgumentException("Cell count in row \"" + row.getKey() + "\" (" + row.getNumCells()
                + ") is not equal to the number of columns in the spec (" + m_spec.getNumColumns() + ")");
        }
        for (int i = 0; i < row.getNumCells(); i++) {
            DataCell c = row.getCell(i);
            if (c == null) {
                throw new NullPointerException("Cell " + i + " in row \"" + row.getKey() + "\" is null");
            }
            DataType colType = m_spec.getColumnSpec(i).getType();
            if (!c.isMissing() && !colType.isASuperTypeOf(c.getType())) {
                throw new IllegalArgumentException("Runtime type of cell #" + i + " (" + c.getType() + ") in row \""
                    + row.getKey() + "\" does not comply with the type of column \""
                    + m_spec.getColumnSpec(i).getName() + "\" (" + colType + ")");
            }
        }
        if (!m_keys.add(row.getKey().getString())) {
            throw new IllegalArgumentException("Duplicate row key \"" + row.getKey() + "\"");
        }
        m_rows.add(row);
    }

    public DataTable getTable() {
        if (!isClosed()) {
            throw new IllegalStateException("Cannot get table: container is not closed");
        }
        return m_table;
    }

    public void close() {
        if (m_table == null) {
            List<DataRow> rows = Collections.unmodifiableList(m_rows);
            DataTableSpec spec = m_spec;
            m_table = new DataTable() {
                @Override
                public DataTableSpec getDataTableSpec() {
                    return spec;
                }

                @Override
                public RowIterator iterator() {
                    return CloseableRowIterator.from(rows.iterator());
                }
            };
        }
    }

    public boolean isClosed() {
        return m_table != null;
    }

    public boolean isOpen() {
        return m_table == null;
    }

    public long size() {
        return m_rows.size();
    }

    public DataTableSpec getTableSpec() {
        return m_spec;
    }
}
