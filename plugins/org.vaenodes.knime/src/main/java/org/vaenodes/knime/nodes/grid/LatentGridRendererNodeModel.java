package org.vaenodes.knime.nodes.grid;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.port.image.ImagePortObjectSpec;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.SettingsNodeModel;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.render.ImageSheets;
import org.vaenodes.knime.data.ImageColumns;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;

/**
 * Latent Grid Renderer: decodes an n × n grid of latent codes spanning two latent dimensions (the others fixed) and
 * outputs the picture as one PNG plus a table with one row per tile. A one-dimensional latent space gives a strip.
 */
final class LatentGridRendererNodeModel extends SettingsNodeModel {

    static final String GRID_X = "grid x";
    static final String GRID_Y = "grid y";
    static final String Z_PREFIX = "z_";

    /** Largest side of the grid picture in pixels (a bigger picture would take hundreds of MB). */
    static final int MAX_SIDE_PX = 16_384;

    /** Tiles decoded per engine call, between cancel checks. */
    static final int CHUNK = 256;

    private final LatentGridSettings settings = new LatentGridSettings();

    LatentGridRendererNodeModel() {
        super(new PortType[] {VaeModelPortObject.TYPE}, new PortType[] {ImagePortObject.TYPE, BufferedDataTable.TYPE});
    }

    /** The grid resolved against a model: configure-time errors for everything knowable from the spec. */
    private record Grid(int n, int latent, boolean strip, int dimX, int dimY, int labelClass, ImageShape shape,
        int scale) {

        int tiles() {
            return strip ? n : n * n;
        }
    }

    @Override
    protected PortObjectSpec[] configure(PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        settings.checkConsistent();
        VaeModelPortObjectSpec model = VaeModelPortObjectSpec.require(inSpecs[0]);
        Grid g = grid(model);
        return new PortObjectSpec[] {new ImagePortObjectSpec(PNGImageContent.TYPE), tableSpec(g.latent)};
    }

    /**
     * Resolves the grid. Checks of the image shape and the label wait until the model spec knows them (before
     * training it may not); a trained model's spec knows both.
     */
    private Grid grid(VaeModelPortObjectSpec model) throws InvalidSettingsException {
        boolean known = model.knowsImageShape();
        if (known && !model.isImage()) {
            throw new InvalidSettingsException("The model was not trained on images (its input has no image height"
                + " and width), so its latent space cannot be drawn as a grid of images.");
        }
        int n = settings.gridSize.getIntValue();
        if (n < 1 || n > ImageSheets.MAX_GRID) { // the bounded setting already ensures this; keep the message clear
            throw new InvalidSettingsException("Grid size n (" + LatentGridSettings.CFG_GRID_SIZE + ") must be between"
                + " 1 and " + ImageSheets.MAX_GRID + ", not " + n + ".");
        }
        int l = model.latentSize();
        boolean strip = l == 1;
        int dimX = settings.dimX.getIntValue();
        int dimY = settings.dimY.getIntValue();
        checkDim("x", LatentGridSettings.CFG_DIM_X, dimX, l);
        if (!strip) {
            checkDim("y", LatentGridSettings.CFG_DIM_Y, dimY, l);
            if (dimX == dimY) {
                throw new InvalidSettingsException("The x and y axes must show different latent dimensions, but both"
                    + " are " + dimX + " (" + LatentGridSettings.CFG_DIM_X + ", " + LatentGridSettings.CFG_DIM_Y
                    + ").");
            }
        }
        int labelClass = -1;
        if (model.isConditional() && model.knowsLabels()) {
            labelClass = model.classOfLabelSetting(settings.label.getStringValue(), LatentGridSettings.CFG_LABEL);
        }
        int scale = settings.tileScale.getIntValue();
        long width = (long) n * model.imageCols() * scale;
        long height = (long) (strip ? 1 : n) * model.imageRows() * scale;
        if (known && (width > MAX_SIDE_PX || height > MAX_SIDE_PX)) {
            throw new InvalidSettingsException("The grid picture would be " + width + " × " + height + " pixels; at"
                + " most " + MAX_SIDE_PX + " per side are supported. Lower the grid size or the tile scale.");
        }
        return new Grid(n, l, strip, dimX, dimY, labelClass, model.imageShape(), scale);
    }

    private static void checkDim(String axis, String key, int dim, int latent) throws InvalidSettingsException {
        if (dim < 0 || dim >= latent) {
            throw new InvalidSettingsException("Latent dimension " + dim + " for the " + axis + " axis (" + key
                + ") does not exist: the model has " + latent + " latent dimension" + (latent == 1 ? "" : "s")
                + " (0 … " + (latent - 1) + ").");
        }
    }

    private static DataTableSpec tableSpec(int latent) {
        List<DataColumnSpec> cols = new ArrayList<>();
        cols.add(new DataColumnSpecCreator(GRID_X, IntCell.TYPE).createSpec());
        cols.add(new DataColumnSpecCreator(GRID_Y, IntCell.TYPE).createSpec());
        for (int j = 0; j < latent; j++) {
            cols.add(new DataColumnSpecCreator(Z_PREFIX + j, DoubleCell.TYPE).createSpec());
        }
        cols.add(new DataColumnSpecCreator(ImageColumns.IMAGE, PNGImageContent.TYPE).createSpec());
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    @Override
    protected PortObject[] execute(PortObject[] inObjects, ExecutionContext exec) throws Exception {
        VaeModelPortObject model = VaeModelPortObject.atInput(inObjects[0]);
        Grid g = grid(model.getSpec());
        Vae vae = model.model().vae();
        int n = g.n;
        int l = g.latent;
        int tiles = g.tiles();
        int px = g.shape.values();
        if (vae.config().latentSize() != l || vae.config().inputSize() != px) {
            throw new InvalidSettingsException("The model's network (" + vae.config().describe() + ") does not match"
                + " its description (latent size " + l + ", images " + g.shape.describe() + ").");
        }
        // the same codes ImageSheets.latentGrid builds: x left → right, y bottom → top, others fixed
        double[] coords =
            ImageSheets.coordinates(n, settings.rangeMode.value().mode(), settings.range.getDoubleValue());
        float other = (float) settings.otherValue.getDoubleValue();
        float[] z = new float[tiles * l];
        for (int t = 0; t < tiles; t++) {
            for (int j = 0; j < l; j++) {
                z[t * l + j] = other;
            }
            z[t * l + g.dimX] = (float) coords[t % n];
            if (!g.strip) {
                z[t * l + g.dimY] = (float) coords[n - 1 - t / n];
            }
        }
        float[] images = new float[tiles * px];
        ExecutionMonitor decoding = exec.createSubProgress(0.8);
        for (int from = 0; from < tiles; from += CHUNK) {
            exec.checkCanceled();
            int count = Math.min(CHUNK, tiles - from);
            float[] part = java.util.Arrays.copyOfRange(z, from * l, (from + count) * l);
            int[] labels = null;
            if (g.labelClass >= 0) {
                labels = new int[count];
                java.util.Arrays.fill(labels, g.labelClass);
            }
            System.arraycopy(vae.decode(part, count, labels), 0, images, from * px, count * px);
            final int done = from + count;
            decoding.setProgress(done / (double) tiles, () -> "Decoded " + done + " of " + tiles + " tiles");
        }
        exec.checkCanceled();
        exec.setMessage("Drawing the grid");
        boolean invert = settings.invert.getBooleanValue();
        byte[] sheet = ImageSheets.sheet(images, tiles, g.shape, n, g.scale, invert);
        ImagePortObject picture =
            new ImagePortObject(new PNGImageContent(sheet), new ImagePortObjectSpec(PNGImageContent.TYPE));

        BufferedDataContainer out = exec.createDataContainer(tableSpec(l));
        for (int t = 0; t < tiles; t++) {
            if (t % 64 == 0) {
                exec.checkCanceled();
                final int done = t;
                exec.setProgress(0.8 + 0.2 * t / tiles, () -> "Tile " + done + " of " + tiles);
            }
            int gx = t % n;
            int gy = g.strip ? 0 : n - 1 - t / n;
            List<DataCell> cells = new ArrayList<>(l + 3);
            cells.add(new IntCell(gx));
            cells.add(new IntCell(gy));
            for (int j = 0; j < l; j++) {
                cells.add(new DoubleCell(z[t * l + j]));
            }
            byte[] png = ImageSheets.imagePng(images, t * px, g.shape, g.scale, invert);
            cells.add(new PNGImageContent(png).toImageCell());
            out.addRowToTable(new DefaultRow(new RowKey("Tile_" + gx + "_" + gy), cells));
        }
        out.close();
        return new PortObject[] {picture, out.getTable()};
    }

    @Override
    protected NodeSettingsGroup settingsGroup() {
        return settings;
    }
}
