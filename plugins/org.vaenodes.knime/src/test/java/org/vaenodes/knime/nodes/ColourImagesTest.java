package org.vaenodes.knime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.image.ImagePortObject;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.train.TrainingMemory;
import org.vaenodes.knime.data.ImageColumns;
import org.vaenodes.knime.nodes.decoder.VaeDecoderNodeFactory;
import org.vaenodes.knime.nodes.encoder.VaeEncoderNodeFactory;
import org.vaenodes.knime.nodes.grid.LatentGridRendererNodeFactory;
import org.vaenodes.knime.nodes.learner.VaeLearnerNodeFactory;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.testing.TestModels;
import org.vaenodes.shim.harness.NodeHarness;
import org.vaenodes.shim.harness.ShimAccess;

/**
 * Colour end to end: PNG image cells into the VAE Learner and Encoder, an RGB model whose Decoder/Sampler, grid and
 * reconstructions are colour pictures; and a table over the heap budget trained from disk in chunks.
 */
class ColourImagesTest {

    /** 8 × 8 pictures: red above blue, or all green; Label says which. */
    private static BufferedDataTable pictures;
    private static VaeModelPortObject model;

    @BeforeAll
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    static void train() throws Exception {
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            rows.add(row(i, i % 2 == 0 ? "red-blue" : "green", 8, 8));
        }
        pictures = ShimAccess.tableOf(spec(), rows);
        NodeHarness<?> learner = NodeHarness.of(VaeLearnerNodeFactory.class);
        learner.applySettings("input_mode", "image", "image_column", "Image", "image_colour", "rgb",
            "encoder_layers", "32", "epochs", 60, "batch_size", 16, "learning_rate", 0.01, "validation_percent", 0.0);
        model = (VaeModelPortObject) learner.execute(pictures)[0];
        assertEquals(List.of(), learner.loggedErrors());
    }

    private static DataTableSpec spec() {
        return new DataTableSpec(new DataColumnSpecCreator("Label", StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Image", PNGImageContent.TYPE).createSpec());
    }

    private static DataRow row(int i, String kind, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                Color c = kind.equals("green") ? Color.GREEN : y < height / 2 ? Color.RED : Color.BLUE;
                img.setRGB(x, y, c.getRGB());
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        return new DefaultRow("Row" + i, new StringCell(kind), new PNGImageContent(png.toByteArray()).toImageCell());
    }

    @Test
    void theLearnerTakesPngCellsAndRecordsAColourImageModel() {
        assertEquals(new ImageShape(8, 8, 3), model.getSpec().imageShape());
        assertEquals("Image", model.getSpec().input().imageColumn());
        assertEquals(192, model.getSpec().input().width());
        assertEquals(3, model.model().config().imageChannels());
    }

    @Test
    void theEncoderReconstructsTheColours() throws Exception {
        NodeHarness<?> encoder = NodeHarness.of(VaeEncoderNodeFactory.class);
        encoder.applySettings("reconstruction_image", true);
        BufferedDataTable out = (BufferedDataTable) encoder.execute(model, pictures)[0];
        int column = out.getDataTableSpec().findColumnIndex("Reconstruction");
        try (CloseableRowIterator it = out.iterator()) {
            for (int i = 0; i < 4; i++) {
                DataRow r = it.next();
                BufferedImage rec = TestModels.image(r.getCell(column));
                assertEquals(8, rec.getWidth());
                assertEquals(3, rec.getColorModel().getNumColorComponents(), "a colour picture");
                Color top = new Color(rec.getRGB(3, 1));
                Color bottom = new Color(rec.getRGB(3, 6));
                if (i % 2 == 0) {
                    assertTrue(top.getRed() > 150 && top.getGreen() < 100, "red above: " + top);
                    assertTrue(bottom.getBlue() > 150 && bottom.getRed() < 100, "blue below: " + bottom);
                } else {
                    assertTrue(top.getGreen() > 150 && top.getRed() < 100, "green: " + top);
                }
            }
        }
        assertEquals(List.of(), encoder.loggedErrors());
    }

    @Test
    void samplesAndGridAreColourPicturesAndTheirPixelsSayTheirShape() throws Exception {
        NodeHarness<?> decoder = NodeHarness.of(VaeDecoderNodeFactory.class);
        decoder.applySettings("sample_count", 6);
        BufferedDataTable samples = (BufferedDataTable) decoder.execute(model, null)[0];
        DataTableSpec spec = samples.getDataTableSpec();
        int list = spec.findColumnIndex(ImageColumns.PIXELS);
        assertEquals(new ImageShape(8, 8, 3), ImageColumns.shapeOf(spec.getColumnSpec(list), 192));
        try (CloseableRowIterator it = samples.iterator()) {
            BufferedImage img = TestModels.image(it.next().getCell(spec.findColumnIndex(ImageColumns.IMAGE)));
            assertEquals(3, img.getColorModel().getNumColorComponents());
        }
        NodeHarness<?> grid = NodeHarness.of(LatentGridRendererNodeFactory.class);
        grid.applySettings("grid_size", 5);
        PortObject[] out = grid.execute(model);
        BufferedImage sheet = TestModels.image(((ImagePortObject) out[0]).toDataCell());
        assertEquals(40, sheet.getWidth());
        assertEquals(3, sheet.getColorModel().getNumColorComponents());
    }

    @Test
    void imagesOfAnotherSizeAreRefusedNamingTheFirstSuchRow() throws Exception {
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(row(i, "green", i == 7 || i == 9 ? 9 : 8, 8));
        }
        NodeHarness<?> learner = NodeHarness.of(VaeLearnerNodeFactory.class);
        learner.applySettings("input_mode", "image", "image_column", "Image", "epochs", 1);
        Exception e = assertThrows(Exception.class, () -> learner.execute(ShimAccess.tableOf(spec(), rows)));
        assertTrue(e.getMessage().contains("Row 'Row7'") && e.getMessage().contains("9 × 8 RGB")
            && e.getMessage().contains("8 × 8 RGB"), e.getMessage());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aTableOverTheHeapBudgetIsTrainedFromATemporaryFileInChunks() throws Exception {
        BufferedDataTable digits = TestModels.digitTable(500, true, false);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long filesBefore = trainingFiles(tmp);
        String before = System.getProperty(TrainingMemory.BUDGET_PROPERTY);
        // 500 rows × 784 values × 4 bytes = 1.5 MB: a 400 kB budget makes 1 full block + a partial one per chunk
        System.setProperty(TrainingMemory.BUDGET_PROPERTY, "400000");
        try {
            NodeHarness<?> learner = NodeHarness.of(VaeLearnerNodeFactory.class);
            learner.applySettings("list_column", "Pixels", "label_column", "Label", "encoder_layers", "64",
                "epochs", 3, "early_stopping_patience", 1);
            PortObject[] out = learner.execute(digits);
            VaeModelPortObject chunked = (VaeModelPortObject) out[0];
            assertEquals(10, chunked.getSpec().input().labelValues().size(), "labels travel through the file");
            assertEquals(500, chunked.model().provenance().rows());
            BufferedDataTable history = (BufferedDataTable) out[1];
            assertTrue(history.size() >= 2);
            assertEquals(List.of(), learner.loggedErrors());
        } finally {
            if (before == null) {
                System.clearProperty(TrainingMemory.BUDGET_PROPERTY);
            } else {
                System.setProperty(TrainingMemory.BUDGET_PROPERTY, before);
            }
        }
        assertEquals(filesBefore, trainingFiles(tmp), "the temporary row file is deleted after training");
    }

    private static long trainingFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("vae-nodes-training-")).count();
        }
    }
}
