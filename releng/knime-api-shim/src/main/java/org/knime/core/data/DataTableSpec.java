package org.knime.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;

/** Ordered list of uniquely named columns (shim). */
public final class DataTableSpec implements PortObjectSpec, Iterable<DataColumnSpec> {

    private static final String DEFAULT_NAME = "default";

    private final String m_name;

    private final List<DataColumnSpec> m_columns;

    private final Map<String, Integer> m_index = new HashMap<>();

    public DataTableSpec() {
        this(DEFAULT_NAME);
    }

    public DataTableSpec(final DataColumnSpec... colSpecs) {
        this(DEFAULT_NAME, colSpecs);
    }

    public DataTableSpec(final DataTableSpec spec1, final DataTableSpec spec2) {
        this(spec1.getName() + "+" + spec2.getName(), spec1, spec2);
    }

    public DataTableSpec(final String name) {
        this(name, new DataColumnSpec[0]);
    }

    public DataTableSpec(final String name, final DataColumnSpec... colSpecs) {
        m_name = name == null ? DEFAULT_NAME : name;
        m_columns = List.copyOf(Arrays.asList(colSpecs));
        for (int i = 0; i < m_columns.size(); i++) {
            if (m_index.put(m_columns.get(i).getName(), i) != null) {
                throw new IllegalArgumentException(
                    "Duplicate column name \"" + m_columns.get(i).getName() + "\" in table spec");
            }
        }
    }

    public DataTableSpec(final String name, final DataTableSpec spec1, final DataTableSpec spec2) {
        this(name, concat(spec1, spec2));
    }

    public DataTableSpec(final String name, final String[] names, final DataType[] types) {
        this(name, createColumnSpecs(names, types));
    }

    public DataTableSpec(final String[] names, final DataType[] types) {
        this(DEFAULT_NAME, names, types);
    }

    private static DataColumnSpec[] concat(final DataTableSpec a, final DataTableSpec b) {
        List<DataColumnSpec> all = new ArrayList<>(a.m_columns);
        all.addAll(b.m_columns);
        return all.toArray(new DataColumnSpec[0]);
    }

    public static final DataColumnSpec[] createColumnSpecs(final String[] names, final DataType[] types) {
        if (names.length != types.length) {
            throw new IllegalArgumentException("Names and types must have the same length");
        }
        DataColumnSpec[] r = new DataColumnSpec[names.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = new DataColumnSpecCreator(names[i], types[i]).createSpec();
        }
        return r;
    }

    public boolean containsCompatibleType(final Class<? extends DataValue> valueClass) {
        return m_columns.stream().anyMatch(c -> c.getType().isCompatible(valueClass));
    }

    public boolean containsName(final String columnName) {
        return m_index.containsKey(columnName);
    }

    public int findColumnIndex(final String columnName) {
        Integer i = m_index.get(columnName);
        return i == null ? -1 : i;
    }

    public final String[] getColumnNames() {
        return m_columns.stream().map(DataColumnSpec::getName).toArray(String[]::new);
    }

    public DataColumnSpec getColumnSpec(final int index) {
        return m_columns.get(index);
    }

    public DataColumnSpec getColumnSpec(final String column) {
        Integer i = m_index.get(column);
        return i == null ? null : m_columns.get(i);
    }

    public String getName() {
        return m_name;
    }

    public int getNumColumns() {
        return m_columns.size();
    }

    @Override
    public Iterator<DataColumnSpec> iterator() {
        return m_columns.iterator();
    }

    public Stream<DataColumnSpec> stream() {
        return m_columns.stream();
    }

    public static String getUniqueColumnName(final DataTableSpec spec, final String columnName) {
        if (spec == null || !spec.containsName(columnName)) {
            return columnName;
        }
        int i = 1;
        while (spec.containsName(columnName + " (#" + i + ")")) {
            i++;
        }
        return columnName + " (#" + i + ")";
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof DataTableSpec s && s.m_columns.equals(m_columns);
    }

    @Override
    public int hashCode() {
        return m_columns.hashCode();
    }

    @Override
    public String toString() {
        return "name=" + m_name + ",columns=" + m_columns;
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }
}
