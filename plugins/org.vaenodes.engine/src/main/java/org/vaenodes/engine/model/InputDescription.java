package org.vaenodes.engine.model;

import java.util.List;
import java.util.Objects;

/**
 * Which input a model was trained on, as the nodes describe it: either one numeric column per value
 * ({@code columnNames}) or one list column ({@code listColumn} of {@code listLength} values); optionally the label
 * column, whether it held integers, and its class values in class-index order.
 *
 * @param columnNames  pixel/value columns in order (empty when a list column is used)
 * @param listColumn   the list column's name, or null
 * @param listLength   values per list, or 0
 * @param labelColumn  label column name, or null
 * @param labelValues  class values; index i is class i (empty if unconditional, or before training)
 * @param integerLabels whether the label column held integers (so decoded labels are integers again); false
 *                     without labels
 */
public record InputDescription(List<String> columnNames, String listColumn, int listLength, String labelColumn,
        List<String> labelValues, boolean integerLabels) {

    public InputDescription {
        columnNames = List.copyOf(Objects.requireNonNull(columnNames, "columnNames"));
        labelValues = List.copyOf(Objects.requireNonNull(labelValues, "labelValues"));
        if (listColumn != null && !columnNames.isEmpty()) {
            throw new IllegalArgumentException("An input is either a list column or value columns, not both");
        }
        if (listLength < 0) {
            throw new IllegalArgumentException("List length must not be negative");
        }
        if (integerLabels && !labelValues.stream().allMatch(InputDescription::isInteger)) {
            throw new IllegalArgumentException("Integer labels must all be integers: " + labelValues);
        }
    }

    /** Input from one list column of fixed length, no labels. */
    public static InputDescription ofList(String listColumn, int length) {
        return new InputDescription(List.of(), listColumn, length, null, List.of(), false);
    }

    /** Input from value columns, no labels. */
    public static InputDescription ofColumns(List<String> columns) {
        return new InputDescription(columns, null, 0, null, List.of(), false);
    }

    /** This description with a label column of integers or strings and its class values (empty before training). */
    public InputDescription withLabels(String column, boolean integers, List<String> values) {
        return new InputDescription(columnNames, listColumn, listLength, column, values, integers);
    }

    /**
     * This description with a label column whose type is not known (models saved before 0.3 did not say): its
     * labels count as integers if every value is one.
     */
    public InputDescription withLabels(String column, List<String> values) {
        return withLabels(column, !values.isEmpty() && values.stream().allMatch(InputDescription::isInteger), values);
    }

    /** This description with another list column name (the same length); the labels stay. */
    public InputDescription withListColumn(String column) {
        return new InputDescription(List.of(), column, width(), labelColumn, labelValues, integerLabels);
    }

    /** Whether a label is an int in its canonical form ("7", "-3"; not "007" or "+7"), as an integer column shows it. */
    public static boolean isInteger(String label) {
        try {
            return Integer.toString(Integer.parseInt(label)).equals(label);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Number of input values per row. */
    public int width() {
        return listColumn != null ? listLength : columnNames.size();
    }
}
