package org.knime.core.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DefaultRow;

/** Execution monitor that also creates in-memory tables (shim). Created by the framework (here: the bridge). */
public class ExecutionContext extends ExecutionMonitor {

    ExecutionContext(final BooleanSupplier cancelled, final BiConsumer<Double, String> listener) {
        super(cancelled, listener);
    }

    private ExecutionContext(final ExecutionContext parent, final double share, final boolean silent) {
        super(parent, share, silent, true);
    }

    public BufferedDataTable createBufferedDataTable(final DataTable table, final ExecutionMonitor subProgressMon)
        throws CanceledExecutionException {
        List<DataRow> rows = new ArrayList<>();
        for (DataRow r : table) {
            if (subProgressMon != null) {
                subProgressMon.checkCanceled();
            }
            rows.add(r);
        }
        return new BufferedDataTable(table.getDataTableSpec(), rows);
    }

    public BufferedDataTable[] createBufferedDataTables(final DataTable[] tables, final ExecutionMonitor exec)
        throws CanceledExecutionException {
        BufferedDataTable[] r = new BufferedDataTable[tables.length];
        for (int i = 0; i < tables.length; i++) {
            r[i] = createBufferedDataTable(tables[i], exec);
        }
        return r;
    }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec) {
        return new BufferedDataContainer(spec);
    }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec, final boolean initDomain) {
        return new BufferedDataContainer(spec);
    }

    public BufferedDataTable createSpecReplacerTable(final BufferedDataTable in, final DataTableSpec newSpec) {
        if (in.getDataTableSpec().getNumColumns() != newSpec.getNumColumns()) {
            throw new IllegalArgumentException("The new spec must have the same number of columns as the table");
        }
        return new BufferedDataTable(newSpec, in.rows());
    }

    public BufferedDataTable createVoidTable(final DataTableSpec spec) {
        return new BufferedDataTable(spec, List.of());
    }

    public BufferedDataTable createConcatenateTable(final ExecutionMonitor exec, final BufferedDataTable... tables)
        throws CanceledExecutionException {
        if (tables.length == 0) {
            throw new IllegalArgumentException("No tables to concatenate");
        }
        BufferedDataContainer c = createDataContainer(tables[0].getDataTableSpec());
        for (BufferedDataTable t : tables) {
            if (!t.getDataTableSpec().equals(tables[0].getDataTableSpec())) {
                throw new IllegalArgumentException("Tables to concatenate must have equal specs");
            }
            for (DataRow r : t.rows()) {
                exec.checkCanceled();
                c.addRowToTable(r);
            }
        }
        c.close();
        return c.getTable();
    }

    public BufferedDataTable createJoinedTable(final BufferedDataTable left, final BufferedDataTable right,
        final ExecutionMonitor exec) throws CanceledExecutionException {
        List<DataRow> l = left.rows();
        List<DataRow> r = right.rows();
        if (l.size() != r.size()) {
            throw new IllegalArgumentException("Tables to join must have the same number of rows");
        }
        BufferedDataContainer c =
            createDataContainer(new DataTableSpec(left.getDataTableSpec(), right.getDataTableSpec()));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < l.size(); i++) {
            exec.checkCanceled();
            if (!l.get(i).getKey().equals(r.get(i).getKey()) || !seen.add(l.get(i).getKey().getString())) {
                throw new IllegalArgumentException("Row keys of joined tables must match: " + l.get(i).getKey());
            }
            List<DataCell> cells = new ArrayList<>();
            l.get(i).forEach(cells::add);
            r.get(i).forEach(cells::add);
            c.addRowToTable(new DefaultRow(l.get(i).getKey(), cells));
        }
        c.close();
        return c.getTable();
    }

    public ExecutionContext createSubExecutionContext(final double maxProg) {
        return new ExecutionContext(this, maxProg, false);
    }

    public ExecutionContext createSilentSubExecutionContext(final double maxProg) {
        return new ExecutionContext(this, maxProg, true);
    }
}
