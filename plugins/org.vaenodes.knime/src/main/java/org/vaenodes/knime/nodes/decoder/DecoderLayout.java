package org.vaenodes.knime.nodes.decoder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.render.ImageSheets;
import org.vaenodes.engine.spec.InputDescription;
import org.vaenodes.knime.data.ImageColumns;
import org.vaenodes.knime.data.PixelOutput;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;

/**
 * The decoder's output columns — z_0 … z_(L−1), the label (conditional models), Image (image models, if chosen) and
 * the decoded values — and how one decoded row becomes a table row. Decoded values are named like the model's
 * input (its list column, or its value columns), so the output can be fed back to the VAE Encoder.
 */
final class DecoderLayout {

    static final String Z_PREFIX = "z_";

    private final int latent;
    private final int width;
    private final String labelName;
    private final boolean intLabels;
    private final List<String> labelValues;
    private final boolean image;
    private final ImageShape imageShape;
    private final PixelOutput pixels;
    private final DataTableSpec spec;

    /**
     * @return the layout, or null if the output spec cannot be known yet: before training, a model on a list column
     *         whose spec declares no length knows neither how many value columns it decodes nor whether they form an
     *         image
     */
    static DecoderLayout of(VaeModelPortObjectSpec model, boolean imageColumn, PixelOutput pixels) {
        if (model.input().width() == 0 && (pixels == PixelOutput.COLUMNS || imageColumn)) {
            return null;
        }
        return new DecoderLayout(model, imageColumn, pixels);
    }

    private DecoderLayout(VaeModelPortObjectSpec model, boolean imageColumn, PixelOutput pixels) {
        InputDescription in = model.input();
        this.latent = model.latentSize();
        this.width = in.width();
        this.labelName = model.isConditional() ? in.labelColumn() : null;
        this.labelValues = in.labelValues();
        this.intLabels = in.integerLabels();
        this.image = imageColumn && model.isImage();
        this.imageShape = model.imageShape();
        this.pixels = pixels;
        List<DataColumnSpec> cols = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int j = 0; j < latent; j++) {
            cols.add(column(used, Z_PREFIX + j, DoubleCell.TYPE));
        }
        if (labelName != null) {
            cols.add(column(used, labelName, intLabels ? IntCell.TYPE : StringCell.TYPE));
        }
        if (image) {
            cols.add(column(used, ImageColumns.IMAGE, PNGImageContent.TYPE));
        }
        if (pixels == PixelOutput.LIST) {
            DataColumnSpecCreator list = new DataColumnSpecCreator(unique(used, in.listColumn() != null
                ? in.listColumn() : ImageColumns.PIXELS), ListCell.getCollectionType(DoubleCell.TYPE));
            if (width > 0) { // say the length, so a VAE Learner downstream knows it at configure time
                list.setElementNames(valueNames(in).toArray(String[]::new));
            }
            if (imageShape != null) { // and the image shape
                list.setProperties(ImageColumns.shapeProperties(imageShape));
            }
            cols.add(list.createSpec());
        } else if (pixels == PixelOutput.COLUMNS) {
            for (String name : valueNames(in)) {
                DataColumnSpecCreator c = new DataColumnSpecCreator(unique(used, name), DoubleCell.TYPE);
                if (imageShape != null) {
                    c.setProperties(ImageColumns.shapeProperties(imageShape));
                }
                cols.add(c.createSpec());
            }
        }
        this.spec = new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    /** The decoded values' names: the model's value columns, or pixel_0, pixel_1, … for a list input. */
    private static List<String> valueNames(InputDescription in) {
        return in.listColumn() == null ? in.columnNames() : ImageColumns.pixelNames(in.width());
    }

    private static DataColumnSpec column(Set<String> used, String name, DataType type) {
        return new DataColumnSpecCreator(unique(used, name), type).createSpec();
    }

    private static String unique(Set<String> used, String name) {
        String unique = name;
        for (int i = 1; !used.add(unique); i++) {
            unique = name + " (#" + i + ")";
        }
        return unique;
    }

    DataTableSpec spec() {
        return spec;
    }

    /** Values per decoded row. */
    int width() {
        return width;
    }

    /** Row {@code k} of a decoded chunk: z (rows × L), class indices (or null) and decoded values (rows × D). */
    DefaultRow row(RowKey key, float[] z, int[] classes, float[] decoded, int k) {
        List<DataCell> cells = new ArrayList<>(spec.getNumColumns());
        for (int j = 0; j < latent; j++) {
            cells.add(new DoubleCell(z[k * latent + j]));
        }
        if (labelName != null) {
            String v = labelValues.get(classes[k]);
            cells.add(intLabels ? new IntCell(Integer.parseInt(v)) : new StringCell(v));
        }
        if (image) {
            byte[] png = ImageSheets.imagePng(decoded, k * width, imageShape, 1, false);
            cells.add(new PNGImageContent(png).toImageCell());
        }
        pixels.addCells(cells, decoded, k * width, width, null); // continuous values: nothing to share
        return new DefaultRow(key, cells);
    }

    /** A row of missing cells (decode mode, row with a missing latent value). */
    DefaultRow missingRow(RowKey key) {
        List<DataCell> cells = new ArrayList<>(spec.getNumColumns());
        for (int c = 0; c < spec.getNumColumns(); c++) {
            cells.add(DataType.getMissingCell());
        }
        return new DefaultRow(key, cells);
    }
}
