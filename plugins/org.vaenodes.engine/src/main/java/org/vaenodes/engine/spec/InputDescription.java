package org.vaenodes.engine.spec;

import java.util.List;
import java.util.Objects;

/**
 * Which input a model was trained on, as the nodes describe it: one numeric column per value ({@code columnNames}),
 * one list column ({@code listColumn} of {@code listLength} values) or one column of PNG images ({@code imageColumn},
 * each decoded to {@code listLength} values); optionally the label column, whether it held integers, and its class
 * values in class-index order.
 *
 * @param columnNames  pixel/value columns in order (empty when a list column is used)
 * @param listColumn   the list column's name, or null
 * @param listLength   values per list or per image, or 0 (not yet known, or value columns)
 * @param labelColumn  label column name, or null
 * @param labelValues  class values; index i is class i (empty if unconditional, or before training)
 * @param integerLabels whether the label column held integers (so decoded labels are integers again); false
 *                     without labels
 * @param imageColumn  the PNG image column's name, or null
 */
public record InputDescription(List<String> columnNames, String listColumn, int listLength, String labelColumn,
        List<String> labelValues, boolean integerLabels, String imageColumn) {

    public InputDescription {
        columnNames = List.copyOf(Objects.requireNonNull(columnNames, "columnNames"));
        labelValues = List.copyOf(Objects.requireNonNull(labelValues, "labelValues"));
        if ((listColumn != null ? 1 : 0) + (imageColumn != null ? 1 : 0) + (columnNames.isEmpty() ? 0 : 1) > 1) {
            throw new IllegalArgumentException("An input is a list column, an image column or value columns, "
                    + "only one of them");
        }
        if (listLength < 0) {
            throw new IllegalArgumentException("List length must not be negative");
        }
        if (integerLabels && !labelValues.stream().allMatch(InputDescription::isInteger)) {
            throw new IllegalArgumentException("Integer labels must all be integers: " + labelValues);
        }
    }

    /** Where the values come from, for messages: "list column 'Pixels'", "image column 'Image'" or "columns [a, b]". */
    public String describeSource() {
        if (listColumn != null) {
            return "list column '" + listColumn + "'";
        }
        if (imageColumn != null) {
            return "image column '" + imageColumn + "'";
        }
        return "columns " + columnNames;
    }

    /** Input from one list column of fixed length, no labels. */
    public static InputDescription ofList(String listColumn, int length) {
        return new InputDescription(List.of(), listColumn, length, null, List.of(), false, null);
    }

    /** Input from one column of PNG images, each {@code values} values once decoded (0: not known yet), no labels. */
    public static InputDescription ofImages(String imageColumn, int values) {
        return new InputDescription(List.of(), null, values, null, List.of(), false, imageColumn);
    }

    /** Input from value columns, no labels. */
    public static InputDescription ofColumns(List<String> columns) {
        return new InputDescription(columns, null, 0, null, List.of(), false, null);
    }

    /** This description with a label column of integers or strings and its class values (empty before training). */
    public InputDescription withLabels(String column, boolean integers, List<String> values) {
        return new InputDescription(columnNames, listColumn, listLength, column, values, integers, imageColumn);
    }

    /**
     * This description with a label column whose type is not known (models saved before label types were recorded did not say): its
     * labels count as integers if every value is one.
     */
    public InputDescription withLabels(String column, List<String> values) {
        return withLabels(column, !values.isEmpty() && values.stream().allMatch(InputDescription::isInteger), values);
    }

    /** This description with another list column name (the same length); the labels stay. */
    public InputDescription withListColumn(String column) {
        return new InputDescription(List.of(), column, width(), labelColumn, labelValues, integerLabels, null);
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
        return listColumn != null || imageColumn != null ? listLength : columnNames.size();
    }
}
