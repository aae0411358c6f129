package org.vaenodes.knime.data;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.InvalidSettingsException;
import org.vaenodes.engine.image.ColorMode;
import org.vaenodes.engine.image.DecodedImage;
import org.vaenodes.engine.image.ImageDecodeException;
import org.vaenodes.engine.image.ImageFileDecoder;
import org.vaenodes.engine.image.ImageLimits;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.spec.InputDescription;

/**
 * Where a row's model input (e.g. pixels) lives in a table — one list column, one column of PNG images or several
 * numeric columns — and how to copy it into a float array. Used by every node that feeds rows to a VAE, so all of
 * them accept these layouts and report mismatches the same way. PNG images are decoded by the engine's
 * {@link ImageFileDecoder} with the same rules as image files (values in [0, 1], alpha over white, BT.601 grey,
 * channels interleaved per pixel), and all of them must have the size of the first one.
 */
public final class InputColumns {

    /** Decodes image cells; it keeps no state between images, so the parts of a conversion share it. */
    private static final ImageFileDecoder DECODER = new ImageFileDecoder(ImageLimits.DEFAULT);

    /** The list column's name, or null. */
    private final String listColumn;
    /** The list's or the image column's index in the table. */
    private final int listIndex;
    private final String[] columns;
    private final int[] columnIndices;
    /** Values per list or per image; 0 while not yet known. */
    private final int listLength;
    /** The image column's name, or null. */
    private final String imageColumn;
    /** How image cells are decoded (grey or RGB), or null without an image column. */
    private final ColorMode colour;
    /** The size of the image column's images, once known (the first image decides). */
    private final ImageShape imageShape;

    private InputColumns(String listColumn, int listIndex, int listLength, String[] columns, int[] columnIndices,
        String imageColumn, ColorMode colour, ImageShape imageShape) {
        this.listColumn = listColumn;
        this.listIndex = listIndex;
        this.listLength = listLength;
        this.columns = columns;
        this.columnIndices = columnIndices;
        this.imageColumn = imageColumn;
        this.colour = colour;
        this.imageShape = imageShape;
    }

    /** Input from one list-of-numbers column; its length is learnt from the data unless {@code length > 0}. */
    public static InputColumns ofList(DataTableSpec spec, String column, int length) throws InvalidSettingsException {
        int idx = spec.findColumnIndex(column);
        if (idx < 0) {
            throw new InvalidSettingsException("Input column '" + column + "' is not in the input table"
                + " (columns: " + String.join(", ", spec.getColumnNames()) + ").");
        }
        DataType type = spec.getColumnSpec(idx).getType();
        if (!type.isCollectionType() || !type.getCollectionElementType().isCompatible(DoubleValue.class)) {
            throw new InvalidSettingsException("Input column '" + column + "' must be a list of numbers, but is "
                + type.getName() + ".");
        }
        return new InputColumns(column, idx, length, null, null, null, null, null);
    }

    /** Input from one column of PNG images, decoded to grey or RGB values; their size is learnt from the data. */
    public static InputColumns ofImages(DataTableSpec spec, String column, ColorMode colour)
        throws InvalidSettingsException {
        int idx = spec.findColumnIndex(column);
        if (idx < 0) {
            throw new InvalidSettingsException("Image column '" + column + "' is not in the input table"
                + " (columns: " + String.join(", ", spec.getColumnNames()) + ").");
        }
        DataType type = spec.getColumnSpec(idx).getType();
        if (!type.isCompatible(PNGImageValue.class)) {
            throw new InvalidSettingsException("Image column '" + column + "' must hold PNG images, but is "
                + type.getName() + ".");
        }
        return new InputColumns(null, idx, 0, null, null, column, colour, null);
    }

    /**
     * Input from one list-of-numbers column whose length its spec declares, if it does: a list column made by the
     * MNIST Reader or KNIME's Create Collection Column names its elements, one name per value. Otherwise the length
     * is learnt from the data.
     */
    public static InputColumns ofList(DataTableSpec spec, String column) throws InvalidSettingsException {
        InputColumns in = ofList(spec, column, 0);
        return in.withListLength(declaredLength(spec.getColumnSpec(in.listIndex)));
    }

    /** Values per list that a list column's spec declares by naming its elements; 0 if it names none. */
    static int declaredLength(DataColumnSpec column) {
        List<String> names = column.getElementNames();
        // without element names KNIME reports the column's own name as its only element
        boolean none = names.size() == 1 && names.get(0).equals(column.getName());
        return none ? 0 : names.size();
    }

    /** Input from numeric columns, in the given order. */
    public static InputColumns ofColumns(DataTableSpec spec, List<String> names) throws InvalidSettingsException {
        if (names.isEmpty()) {
            throw new InvalidSettingsException("No input columns selected: choose a list column or numeric columns.");
        }
        int[] idx = new int[names.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < idx.length; i++) {
            idx[i] = spec.findColumnIndex(names.get(i));
            if (idx[i] < 0) {
                missing.add(names.get(i));
            } else if (!spec.getColumnSpec(idx[i]).getType().isCompatible(DoubleValue.class)) {
                throw new InvalidSettingsException("Input column '" + names.get(i) + "' must be numeric, but is "
                    + spec.getColumnSpec(idx[i]).getType().getName() + ".");
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidSettingsException(missing.size() + " input column(s) missing from the table, e.g. '"
                + missing.get(0) + "'" + (missing.size() > 1 ? " and '" + missing.get(missing.size() - 1) + "'" : "")
                + ".");
        }
        return new InputColumns(null, -1, 0, names.toArray(String[]::new), idx, null, null, null);
    }

    /**
     * The columns a trained model expects, found in {@code spec}: by name for value columns, by name and list length
     * for a list column, by name and the model's image shape ({@code modelImage}; null while a model spec before
     * training does not know it) for an image column.
     */
    public static InputColumns forModel(DataTableSpec spec, InputDescription input, ImageShape modelImage)
        throws InvalidSettingsException {
        if (input.imageColumn() != null) {
            try {
                if (modelImage == null) { // a model spec before training: only the column can be checked yet
                    return ofImages(spec, input.imageColumn(), ColorMode.RGB);
                }
                return ofImages(spec, input.imageColumn(), modelImage.isColor() ? ColorMode.RGB : ColorMode.GRAY)
                    .withImageShape(modelImage);
            } catch (InvalidSettingsException e) {
                throw new InvalidSettingsException("The model was trained on image column '" + input.imageColumn()
                    + "'" + (modelImage == null ? "" : " (" + modelImage.describe() + " images)") + ": "
                    + e.getMessage(), e);
            }
        }
        if (input.listColumn() != null) {
            try {
                return ofList(spec, input.listColumn(), input.listLength());
            } catch (InvalidSettingsException e) {
                throw new InvalidSettingsException("The model was trained on list column '" + input.listColumn()
                    + "' (" + input.listLength() + " values per row): " + e.getMessage(), e);
            }
        }
        try {
            return ofColumns(spec, input.columnNames());
        } catch (InvalidSettingsException e) {
            throw new InvalidSettingsException("The model was trained on " + input.columnNames().size()
                + " numeric columns: " + e.getMessage(), e);
        }
    }

    /** Values per row; 0 while a list column's length is not known yet. */
    public int width() {
        return columns == null ? listLength : columns.length;
    }

    /** Indices of the input columns in the table (one index for a list or image column). */
    public int[] columnIndices() {
        return columns == null ? new int[] {listIndex} : columnIndices.clone();
    }

    /**
     * The shape of the images behind each row, or null if unknown or no images: for an image column the size of
     * its images (once known), for a list or value columns the shape their column properties declare (as the
     * readers and the Decoder/Sampler write them).
     */
    public ImageShape imageShape(DataTableSpec spec) {
        if (imageColumn != null) {
            return imageShape;
        }
        return width() > 0 ? ImageColumns.shapeOf(firstColumn(spec), width()) : null;
    }

    /**
     * Copies the row's input into {@code dest} at {@code offset}.
     *
     * @return false if the row has a missing value (nothing useful is written then)
     * @throws InputDataException if a list has the wrong length (the row is named)
     */
    public boolean read(DataRow row, float[] dest, int offset) throws InputDataException {
        return read(row, listCell(row), dest, offset);
    }

    /**
     * The row's list or image cell, or null for numeric columns. Resolving such a cell may load it from the table's
     * storage (KNIME keeps large collection and image cells as blobs), which is not thread-safe: do it on the thread
     * that iterates the table, then {@link #read(DataRow, DataCell, float[], int)} may run on any thread.
     */
    public DataCell listCell(DataRow row) {
        return columns == null ? row.getCell(listIndex) : null;
    }

    /**
     * Like {@link #read(DataRow, float[], int)}, with the list cell already resolved by {@link #listCell}. Reads only
     * in-memory cells, so rows may be converted on several threads at once (into distinct parts of {@code dest}).
     */
    public boolean read(DataRow row, DataCell listCell, float[] dest, int offset) throws InputDataException {
        if (imageColumn != null) {
            if (listCell.isMissing()) {
                return false;
            }
            DecodedImage image = decode(row, listCell);
            if (!image.shape().equals(imageShape)) {
                throw new InputDataException("Row '" + row.getKey().getString() + "': image column '"
                    + imageColumn + "' holds a " + image.shape().describe() + " image, but every image must have the"
                    + " size of the first one, " + imageShape.describe() + ". Resize them first (e.g. with the Image"
                    + " Folder Reader's target size).");
            }
            System.arraycopy(image.pixels(), 0, dest, offset, listLength);
            return true;
        }
        if (listColumn != null) {
            DataCell cell = listCell;
            if (cell.isMissing()) {
                return false;
            }
            ListDataValue list = (ListDataValue) cell;
            if (list.size() != listLength) {
                throw new InputDataException("Row '" + row.getKey().getString() + "': list column '"
                    + listColumn + "' holds " + list.size() + " values, expected " + listLength + ".");
            }
            for (int i = 0; i < listLength; i++) {
                DataCell v = list.get(i);
                if (v.isMissing()) {
                    return false;
                }
                dest[offset + i] = (float) ((DoubleValue) v).getDoubleValue();
            }
            return true;
        }
        for (int i = 0; i < columnIndices.length; i++) {
            DataCell v = row.getCell(columnIndices[i]);
            if (v.isMissing()) {
                return false;
            }
            dest[offset + i] = (float) ((DoubleValue) v).getDoubleValue();
        }
        return true;
    }

    /** This input with a list column's length fixed (as its spec declares it, or as learnt from the data). */
    public InputColumns withListLength(int length) {
        return new InputColumns(listColumn, listIndex, length, columns, columnIndices, imageColumn, colour,
            imageShape);
    }

    /** This image input with its images' size fixed (as the first image has it, or as the model was trained). */
    public InputColumns withImageShape(ImageShape shape) {
        return new InputColumns(listColumn, listIndex, shape.values(), columns, columnIndices, imageColumn, colour,
            shape);
    }

    /**
     * This input with its width learnt from a row whose list or image is not missing: the list's length, or the
     * image's size and colour. Returns null if the row's cell is missing (ask the next row).
     */
    public InputColumns learnedFrom(DataRow row) throws InputDataException {
        DataCell cell = row.getCell(listIndex);
        if (cell.isMissing()) {
            return null;
        }
        if (imageColumn != null) {
            return withImageShape(decode(row, cell).shape());
        }
        int length = ((ListDataValue) cell).size();
        return length > 0 ? withListLength(length) : null;
    }

    private DecodedImage decode(DataRow row, DataCell cell) throws InputDataException {
        byte[] png = ((PNGImageValue) cell).getImageContent().getByteArrayReference();
        try {
            return DECODER.decode(png, "row '" + row.getKey().getString() + "', image column '" + imageColumn + "'",
                colour);
        } catch (ImageDecodeException e) {
            throw new InputDataException(e.getMessage(), e);
        }
    }

    /** The description saved with a model, so later nodes can find the same input. */
    public InputDescription describe() {
        return listColumn != null ? InputDescription.ofList(listColumn, listLength)
            : imageColumn != null ? InputDescription.ofImages(imageColumn, listLength)
                : InputDescription.ofColumns(List.of(columns));
    }

    /** Spec of an input column (for messages and image-shape guesses). */
    public DataColumnSpec firstColumn(DataTableSpec spec) {
        return spec.getColumnSpec(columns == null ? listIndex : columnIndices[0]);
    }
}
