package org.knime.core.data;

/** A table: spec plus rows (shim). */
public interface DataTable extends Iterable<DataRow> {

    DataTableSpec getDataTableSpec();

    @Override
    RowIterator iterator();
}
