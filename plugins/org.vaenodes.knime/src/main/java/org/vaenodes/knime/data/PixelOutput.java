package org.vaenodes.knime.data;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.def.DoubleCell;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.knime.util.SettingChoice;

/**
 * How a node writes an image's values to its output table (MNIST Reader, Image Folder Reader, VAE Decoder/Sampler):
 * as one list column, as one double column per value, or not at all. The id is what flow variables set.
 */
public enum PixelOutput implements SettingChoice {
    LIST("One list column"), COLUMNS("One column per value"), NONE("None");

    private final String label;

    PixelOutput(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The column specs for images of {@code shape}: {@link ImageColumns#pixelListSpec} or its columns, or none. */
    public List<DataColumnSpec> specs(ImageShape shape) {
        return switch (this) {
            case LIST -> List.of(ImageColumns.pixelListSpec(shape));
            case COLUMNS -> ImageColumns.pixelColumnSpecs(shape);
            case NONE -> List.of();
        };
    }

    /**
     * Appends {@code count} values from {@code values[offset]} to a row's cells, as these columns hold them; with
     * {@code shared} (a table's 8-bit pixel values), cells of recurring values are shared, else each value gets its
     * own cell.
     */
    public void addCells(List<DataCell> cells, float[] values, int offset, int count, SharedDoubleCells shared) {
        if (this == NONE) {
            return;
        }
        List<DataCell> pixelCells = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            pixelCells.add(shared != null ? shared.of(values[offset + p]) : new DoubleCell(values[offset + p]));
        }
        if (this == LIST) {
            cells.add(CollectionCellFactory.createListCell(pixelCells));
        } else {
            cells.addAll(pixelCells);
        }
    }
}
