package org.vaenodes.knime.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;
import org.vaenodes.engine.spec.InputDescription;

/**
 * The class label of a conditional VAE, read from an integer or string column. Labels are kept as strings (their
 * display form) and mapped to class indices through the model's list of label values, so "7" means the same class
 * whether it came from an integer or a string column.
 */
public final class LabelColumn {

    private final String name;
    private final int index;
    private final boolean integers;

    private LabelColumn(String name, int index, boolean integers) {
        this.name = name;
        this.index = index;
        this.integers = integers;
    }

    public static LabelColumn of(DataTableSpec spec, String column) throws InvalidSettingsException {
        int idx = spec.findColumnIndex(column);
        if (idx < 0) {
            throw new InvalidSettingsException("Label column '" + column + "' is not in the input table.");
        }
        DataType type = spec.getColumnSpec(idx).getType();
        if (!type.isCompatible(IntValue.class) && !type.isCompatible(StringValue.class)) {
            throw new InvalidSettingsException("Label column '" + column + "' must hold integers or strings, but is "
                + type.getName() + ".");
        }
        return new LabelColumn(column, idx, type.isCompatible(IntValue.class));
    }

    public String name() {
        return name;
    }

    /** Whether the column holds integers (else strings); decoded labels get the same type. */
    public boolean holdsIntegers() {
        return integers;
    }

    /** The row's label as a string, or null if missing. */
    public String valueOf(DataRow row) {
        DataCell c = row.getCell(index);
        if (c.isMissing()) {
            return null;
        }
        return c instanceof IntValue i ? Integer.toString(i.getIntValue()) : ((StringValue) c).getStringValue();
    }

    /** Class index of the row's label among {@code values}; names the row and the known labels if unknown. */
    public int classOf(DataRow row, List<String> values) throws InputDataException {
        String v = valueOf(row);
        int k = v == null ? -1 : values.indexOf(v);
        if (k < 0) {
            throw new InputDataException("Row '" + row.getKey().getString() + "': label "
                + (v == null ? "is missing" : "'" + v + "' was not seen in training") + " (column '" + name
                + "'; the model knows " + values + ").");
        }
        return k;
    }

    /** Distinct labels in a stable order: numerically if all are integers, else alphabetically. */
    public static List<String> ordered(Collection<String> labels) {
        boolean numeric = labels.stream().allMatch(InputDescription::isInteger);
        Comparator<String> order = numeric ? Comparator.comparingInt(Integer::parseInt) : Comparator.naturalOrder();
        TreeSet<String> sorted = new TreeSet<>(order);
        sorted.addAll(labels);
        return new ArrayList<>(sorted);
    }
}
