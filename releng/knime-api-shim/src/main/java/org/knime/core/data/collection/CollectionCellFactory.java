package org.knime.core.data.collection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;

/** Creates collection cells (shim). */
public final class CollectionCellFactory {

    private CollectionCellFactory() {
    }

    public static ListCell createListCell(final Collection<? extends DataCell> coll) {
        List<DataCell> cells = new ArrayList<>(coll.size());
        for (DataCell c : coll) {
            if (c == null) {
                throw new NullPointerException("List elements must not be null (use a missing cell)");
            }
            cells.add(c);
        }
        return new ListCell(cells, commonType(cells.stream().map(DataCell::getType).toArray(DataType[]::new)));
    }

    public static ListCell createListCell(final DataRow row, final int[] cols) {
        List<DataCell> cells = new ArrayList<>(cols.length);
        for (int c : cols) {
            cells.add(row.getCell(c));
        }
        return createListCell(cells);
    }

    public static DataType getElementType(final DataTableSpec tableSpec, final int[] cols) {
        DataType[] types = new DataType[cols.length];
        for (int i = 0; i < cols.length; i++) {
            types[i] = tableSpec.getColumnSpec(cols[i]).getType();
        }
        return getElementType(types);
    }

    public static DataType getElementType(final DataType[] colType) {
        return commonType(colType);
    }

    private static DataType commonType(final DataType[] types) {
        DataType result = null;
        for (DataType t : types) {
            if (t.isMissingValueType()) {
                continue;
            }
            result = result == null ? t : DataType.getCommonSuperType(result, t);
        }
        return result == null ? DataType.getMissingCell().getType() : result;
    }
}
