package org.vaenodes.knime.nodes.imagereader;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.vaenodes.engine.image.DecodedImage;
import org.vaenodes.engine.image.ImageFolder.ImageFile;
import org.vaenodes.engine.image.ImagePng;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.knime.data.ImageColumns;
import org.vaenodes.knime.data.PixelOutput;
import org.vaenodes.knime.data.SharedDoubleCells;

/**
 * The reader's output columns (Label, Image, pixels, Path) and how one decoded, resized image becomes one row. The
 * spec follows from the settings alone, so configure knows it without looking at the folder.
 */
final class ImageTableLayout {

    /** The column holding each image's path relative to the folder, '/'-separated. */
    static final String PATH = "Path";

    private final ImageShape shape;
    private final boolean label;
    private final boolean image;
    private final PixelOutput pixels;
    /** The table's grey levels: a few hundred cells for all its pixels. */
    private final SharedDoubleCells greyLevels = new SharedDoubleCells();
    private final boolean path;
    private final String rowIdPrefix;

    ImageTableLayout(ImageShape shape, boolean label, boolean image, PixelOutput pixels, boolean path,
        String rowIdPrefix) {
        this.shape = shape;
        this.label = label;
        this.image = image;
        this.pixels = pixels;
        this.path = path;
        this.rowIdPrefix = rowIdPrefix;
    }

    /** The shape every row's image has. */
    ImageShape shape() {
        return shape;
    }

    DataTableSpec spec() {
        List<DataColumnSpec> cols = new ArrayList<>();
        if (label) {
            cols.add(new DataColumnSpecCreator(ImageColumns.LABEL, StringCell.TYPE).createSpec());
        }
        if (image) {
            cols.add(new DataColumnSpecCreator(ImageColumns.IMAGE, PNGImageContent.TYPE).createSpec());
        }
        cols.addAll(pixels.specs(shape));
        if (path) {
            cols.add(new DataColumnSpecCreator(PATH, StringCell.TYPE).createSpec());
        }
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    /**
     * The row of one image, already at the layout's shape; its ID is {@code <prefix><index>}, index counting the
     * rows written (skipped files take no index).
     */
    DataRow row(long index, ImageFile file, DecodedImage img) {
        if (!img.shape().equals(shape)) {
            throw new IllegalArgumentException("Image of " + file.relativePath() + " is " + img.shape().describe()
                + ", expected " + shape.describe());
        }
        int values = shape.values();
        List<DataCell> cells = new ArrayList<>(pixels == PixelOutput.COLUMNS ? values + 3 : 4);
        if (label) {
            cells.add(file.label() == null ? DataType.getMissingCell() : new StringCell(file.label()));
        }
        if (image) {
            cells.add(new PNGImageContent(ImagePng.encode(img.pixels(), 0, shape)).toImageCell());
        }
        pixels.addCells(cells, img.pixels(), 0, values, greyLevels);
        if (path) {
            cells.add(new StringCell(slashed(file.relativePath())));
        }
        return new DefaultRow(new RowKey(rowIdPrefix + index), cells);
    }

    /** The relative path with '/' between folders, whatever the platform's separator. */
    static String slashed(String relativePath) {
        return File.separatorChar == '/' ? relativePath : relativePath.replace(File.separatorChar, '/');
    }
}
