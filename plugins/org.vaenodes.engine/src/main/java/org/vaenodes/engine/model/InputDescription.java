package org.vaenodes.engine.model;

import java.util.List;
import java.util.Objects;

/**
 * Which input a model was trained on, as the nodes describe it: either one numeric column per value
 * ({@code columnNames}) or one list column ({@code listColumn} of {@code listLength} values); optionally the label
 * column and its class values in class-index order.
 *
 * @param columnNames  pixel/value columns in order (empty when a list column is used)
 * @param listColumn   the list column's name, or null
 * @param listLength   values per list, or 0
 * @param labelColumn  label column name, or null
 * @param labelValues  class values; index i is class i (empty if unconditional)
 */
public record InputDescription(List<String> columnNames, String listColumn, int listLength, String labelColumn,
        List<String> labelValues) {

    public InputDescription {
        columnNames = List.copyOf(Objects.requireNonNull(columnNames, "columnNames"));
        labelValues = List.copyOf(Objects.requireNonNull(labelValues, "labelValues"));
        if (listColumn != null && !columnNames.isEmpty()) {
            throw new IllegalArgumentException("An input is either a list column or value columns, not both");
        }
        if (listLength < 0) {
            throw new IllegalArgumentException("List length must not be negative");
        }
    }

    /** Input from one list column of fixed length, no labels. */
    public static InputDescription ofList(String listColumn, int length) {
        return new InputDescription(List.of(), listColumn, length, null, List.of());
    }

    /** Input from value columns, no labels. */
    public static InputDescription ofColumns(List<String> columns) {
        return new InputDescription(columns, null, 0, null, List.of());
    }

    /** This description with a label column and its class values. */
    public InputDescription withLabels(String column, List<String> values) {
        return new InputDescription(columnNames, listColumn, listLength, column, values);
    }

    /** Number of input values per row. */
    public int width() {
        return listColumn != null ? listLength : columnNames.size();
    }
}
