package org.vaenodes.knime.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataTable;
import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.data.MnistDataset;
import org.vaenodes.engine.spec.InputDescription;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.TrainedModel;
import org.vaenodes.engine.train.Trainer;
import org.vaenodes.engine.train.TrainingConfig;
import org.vaenodes.engine.train.TrainingData;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;
import org.vaenodes.shim.harness.ShimAccess;

/**
 * Small, really trained VAEs on the built-in digits and tables in the MNIST Reader's layout, for node tests. Each
 * model is trained once per JVM (a few seconds at most) and shared: the port objects are immutable in use.
 */
public final class TestModels {

    /** Column names as the MNIST Reader writes them. */
    public static final String LABEL = "Label";
    public static final String PIXELS = "Pixels";
    public static final String PIXEL_PREFIX = "pixel_";
    public static final int SIDE = BuiltInSample.SIDE;
    public static final int D = SIDE * SIDE;
    /** Training rows: the first digits of the built-in training split. */
    public static final int TRAIN_ROWS = 500;

    private static float[] x;
    private static int[] labels;
    private static VaeModelPortObject unconditional;
    private static VaeModelPortObject conditional;
    private static VaeModelPortObject oneDimensional;

    private TestModels() {
    }

    /** The first {@link #TRAIN_ROWS} training digits, row-major, scaled to [0, 1]. */
    public static synchronized float[] pixels() {
        load();
        return x;
    }

    /** Labels of {@link #pixels()}. */
    public static synchronized int[] labels() {
        load();
        return labels;
    }

    private static void load() {
        if (x != null) {
            return;
        }
        try {
            MnistDataset ds = BuiltInSample.load(BuiltInSample.Split.TRAIN, TRAIN_ROWS);
            float[] px = new float[ds.size() * D];
            for (int i = 0; i < ds.size(); i++) {
                ds.images().copyImage(i, px, i * D, true);
            }
            x = px;
            labels = ds.labels().clone();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 784-64-2 Bernoulli VAE (28×28 images) on list column "Pixels", 3 epochs on 500 digits. */
    public static synchronized VaeModelPortObject unconditional() {
        if (unconditional == null) {
            unconditional = train(VaeConfig.of(D, new int[] {64}, 2).withImageShape(SIDE, SIDE), 3, false,
                InputDescription.ofList(PIXELS, D));
        }
        return unconditional;
    }

    /** As {@link #unconditional()} but conditioned on column "Label" (classes "0" … "9"). */
    public static synchronized VaeModelPortObject conditional() {
        if (conditional == null) {
            List<String> values = IntStream.range(0, 10).mapToObj(Integer::toString).toList();
            conditional = train(VaeConfig.of(D, new int[] {64}, 2).withImageShape(SIDE, SIDE).withNumClasses(10), 3,
                true, InputDescription.ofList(PIXELS, D).withLabels(LABEL, true, values));
        }
        return conditional;
    }

    /** 784-32-1: a one-dimensional latent space, 1 epoch. */
    public static synchronized VaeModelPortObject oneDimensional() {
        if (oneDimensional == null) {
            oneDimensional = train(VaeConfig.of(D, new int[] {32}, 1).withImageShape(SIDE, SIDE), 1, false,
                InputDescription.ofList(PIXELS, D));
        }
        return oneDimensional;
    }

    /** The same network described as trained on other input columns (no retraining). */
    public static VaeModelPortObject withInput(VaeModelPortObject model, InputDescription input) {
        TrainedModel m = model.model();
        return portObject(new TrainedModel(m.vae(), m.history(), input, m.provenance()));
    }

    /** The same network described as trained on the 784 columns pixel_0 … pixel_783. */
    public static VaeModelPortObject onColumns(VaeModelPortObject model) {
        InputDescription in = InputDescription.ofColumns(pixelColumnNames());
        InputDescription old = model.model().input();
        return withInput(model, old.labelColumn() == null ? in : in.withLabels(old.labelColumn(), old.integerLabels(), old.labelValues()));
    }

    public static List<String> pixelColumnNames() {
        return IntStream.range(0, D).mapToObj(i -> PIXEL_PREFIX + i).toList();
    }

    private static VaeModelPortObject train(VaeConfig config, int epochs, boolean withLabels, InputDescription in) {
        load();
        TrainingData data = new TrainingData(x, TRAIN_ROWS, D, withLabels ? labels : null);
        var result = Trainer.train(config, data, new TrainingConfig(epochs, 32, 1e-3, 7, 0, 0, false), null, null);
        return portObject(TrainedModel.of(result, in));
    }

    /** The port object (and spec) the VAE Learner would output for this model. */
    public static VaeModelPortObject portObject(TrainedModel m) {
        VaeConfig c = m.config();
        return new VaeModelPortObject(m, new VaeModelPortObjectSpec(m.input(), c.latentSize(),
            c.likelihood().name().toLowerCase(java.util.Locale.ROOT),
            c.imageShape(), m.provenance().backend(),
            org.vaenodes.engine.spec.Dl4jCompatibility.whyNot(c)));
    }

    /**
     * The spec the VAE Learner outputs at configure time for a list column that does not declare its length: input
     * columns, label column and its type, and latent size are known; list length, image shape, label values and
     * backend are not.
     */
    public static VaeModelPortObjectSpec untrainedSpec(VaeModelPortObjectSpec s) {
        InputDescription in = s.input();
        InputDescription before = new InputDescription(in.columnNames(), in.listColumn(), 0, in.labelColumn(),
            List.of(), in.integerLabels(), in.imageColumn());
        return new VaeModelPortObjectSpec(before, s.latentSize(), s.likelihood(), null, "");
    }

    /** A spec like the model's but with other image shape (0 × 0 = not an image). */
    public static VaeModelPortObjectSpec specWithImage(VaeModelPortObjectSpec s, int rows, int cols) {
        return new VaeModelPortObjectSpec(s.input(), s.latentSize(), s.likelihood(),
            rows == 0 ? null : org.vaenodes.engine.image.ImageShape.gray(cols, rows), s.backend());
    }

    // ------------------------------------------------------------------------------------------------ tables

    /** Spec of a digits table: Label (int, optional) and the pixels as a list column or as columns. */
    public static DataTableSpec digitSpec(boolean withLabel, boolean asColumns) {
        List<DataColumnSpec> cols = new ArrayList<>();
        if (withLabel) {
            cols.add(new DataColumnSpecCreator(LABEL, IntCell.TYPE).createSpec());
        }
        if (asColumns) {
            for (String n : pixelColumnNames()) {
                cols.add(new DataColumnSpecCreator(n, DoubleCell.TYPE).createSpec());
            }
        } else {
            cols.add(new DataColumnSpecCreator(PIXELS, ListCell.getCollectionType(DoubleCell.TYPE)).createSpec());
        }
        return new DataTableSpec(cols.toArray(DataColumnSpec[]::new));
    }

    /** The first {@code n} training digits (n ≤ 500) as a table in {@link #digitSpec} layout. */
    public static BufferedDataTable digitTable(int n, boolean withLabel, boolean asColumns) {
        load();
        List<DataRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(digitRow(i, withLabel, asColumns));
        }
        return ShimAccess.tableOf(digitSpec(withLabel, asColumns), rows);
    }

    /** Row {@code i}: key "Row&lt;i&gt;". */
    public static DataRow digitRow(int i, boolean withLabel, boolean asColumns) {
        load();
        List<DataCell> cells = new ArrayList<>();
        if (withLabel) {
            cells.add(new IntCell(labels[i]));
        }
        List<DataCell> px = new ArrayList<>(D);
        for (int p = 0; p < D; p++) {
            px.add(new DoubleCell(x[i * D + p]));
        }
        if (asColumns) {
            cells.addAll(px);
        } else {
            cells.add(CollectionCellFactory.createListCell(px));
        }
        return new DefaultRow("Row" + i, cells);
    }

    // ------------------------------------------------------------------------------------------------ images

    /** Decodes a PNG cell. */
    public static BufferedImage image(DataCell pngCell) {
        return decode(((PNGImageValue) pngCell).getImageContent().getByteArray());
    }

    public static BufferedImage decode(byte[] png) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            if (img == null) {
                throw new IllegalArgumentException("not a PNG");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Standard deviation of the grey values (0 for a blank image). */
    public static double greyStdDev(BufferedImage img) {
        double s = 0;
        double s2 = 0;
        int n = img.getWidth() * img.getHeight();
        for (int yy = 0; yy < img.getHeight(); yy++) {
            for (int xx = 0; xx < img.getWidth(); xx++) {
                int g = img.getRaster().getSample(xx, yy, 0);
                s += g;
                s2 += (double) g * g;
            }
        }
        double mean = s / n;
        return Math.sqrt(Math.max(0, s2 / n - mean * mean));
    }
}
