package org.vaenodes.knime.nodes.reader;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.vaenodes.engine.data.MnistDataset;
import org.vaenodes.engine.image.GrayPng;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.knime.data.ImageColumns;
import org.vaenodes.knime.data.PixelOutput;
import org.vaenodes.knime.data.SharedDoubleCells;

/** The reader's output columns (Label, Image, pixels) and how one image becomes one row. */
final class MnistTableLayout {

    private final boolean labels;
    private final boolean image;
    private final PixelOutput pixels;
    /** The table's grey levels: a few hundred cells for all its pixels. */
    private final SharedDoubleCells greyLevels = new SharedDoubleCells();
    private final boolean scaleToUnit;
    private final ImageShape shape;
    private final int pixelCount;
    private final String rowIdPrefix;

    MnistTableLayout(MnistSource.Shape shape, boolean image, PixelOutput pixels, boolean scaleToUnit,
        String rowIdPrefix) {
        this.labels = shape.hasLabels();
        this.image = image;
        this.pixels = pixels;
        this.scaleToUnit = scaleToUnit;
        this.shape = ImageShape.gray(shape.cols(), shape.rows());
        this.pixelCount = this.shape.values();
        this.rowIdPrefix = rowIdPrefix;
    }

    DataTableSpec spec() {
        List<DataColumnSpec> cols = new ArrayList<>();
        if (labels) {
            cols.add(new DataColumnSpecCreator(ImageColumns.LABEL, IntCell.TYPE).createSpec());
        }
        if (image) {
            cols.add(new DataColumnSpecCreator(ImageColumns.IMAGE, PNGImageContent.TYPE).createSpec());
        }
        cols.addAll(pixels.specs(shape));
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    /** Row {@code i} of the data set; row IDs are {@code <prefix><i>}, stable across runs. */
    DataRow row(MnistDataset data, int i) {
        List<DataCell> cells = new ArrayList<>(pixels == PixelOutput.COLUMNS ? pixelCount + 2 : 3);
        if (labels) {
            cells.add(new IntCell(data.label(i)));
        }
        if (image) {
            byte[] png = GrayPng.encode(data.images().pixels(), i * pixelCount, data.rows(), data.cols());
            cells.add(new PNGImageContent(png).toImageCell());
        }
        if (pixels != PixelOutput.NONE) {
            pixels.addCells(cells, data.imageAsFloats(i, scaleToUnit), 0, pixelCount, greyLevels);
        }
        return new DefaultRow(new RowKey(rowIdPrefix + i), cells);
    }
}
