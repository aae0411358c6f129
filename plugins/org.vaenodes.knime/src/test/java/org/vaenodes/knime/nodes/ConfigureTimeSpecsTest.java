package org.vaenodes.knime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.vaenodes.knime.nodes.decoder.VaeDecoderNodeFactory;
import org.vaenodes.knime.nodes.encoder.VaeEncoderNodeFactory;
import org.vaenodes.knime.nodes.grid.LatentGridRendererNodeFactory;
import org.vaenodes.knime.nodes.imagereader.ImageFolderReaderNodeFactory;
import org.vaenodes.knime.nodes.learner.VaeLearnerNodeFactory;
import org.vaenodes.knime.nodes.modelio.VaeModelReaderNodeFactory;
import org.vaenodes.knime.nodes.modelio.VaeModelWriterNodeFactory;
import org.vaenodes.knime.nodes.reader.MnistReaderNodeFactory;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;
import org.vaenodes.shim.harness.NodeHarness;

/**
 * Each node, configured as KNIME configures a fresh workflow — with the specs its predecessors give at configure
 * time, before anything has run — promises the output specs its execution then delivers. Downstream nodes, dialogs
 * and flow-variable pickers depend on that promise.
 */
class ConfigureTimeSpecsTest {

    private static final List<NodeHarness<?>> OPEN = new ArrayList<>();

    private static Step reader;
    private static Step readerColumns;
    private static Step learner;
    private static Step conditionalLearner;
    private static Step columnsLearner;

    /** A node's outputs: the specs configure promised and what execution delivered. */
    private record Step(PortObjectSpec[] promised, PortObject[] delivered) {
        PortObjectSpec promised(int port) {
            return promised[port];
        }

        PortObject delivered(int port) {
            return delivered[port];
        }
    }

    @BeforeAll
    static void runTheTrainingChain() throws Exception {
        reader = run(MnistReaderNodeFactory.class, List.of("max_rows", 300), new Step[0]);
        readerColumns = run(MnistReaderNodeFactory.class, List.of("max_rows", 100, "pixel_output", "columns",
            "image_column", false), new Step[0]);
        learner = run(VaeLearnerNodeFactory.class, List.of("epochs", 1, "encoder_layers", "32", "list_column",
            "Pixels"), reader);
        conditionalLearner = run(VaeLearnerNodeFactory.class, List.of("epochs", 1, "encoder_layers", "32",
            "list_column", "Pixels", "label_column", "Label"), reader);
        columnsLearner = run(VaeLearnerNodeFactory.class, List.of("epochs", 1, "encoder_layers", "16", "input_mode",
            "columns", "label_column", "Label"), readerColumns);
    }

    @AfterEach
    void noCodingProblems() {
        for (NodeHarness<?> h : OPEN) {
            assertEquals(List.of(), h.loggedErrors(), h.factory().getClass().getSimpleName());
            h.close();
        }
        OPEN.clear();
    }

    /**
     * Configures a node with the predecessors' configure-time specs and executes it with their outputs.
     *
     * @param settings key/value pairs over the node's defaults
     * @param inputs the predecessors, one per input port (null: port not connected)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Step run(Class<? extends NodeFactory> factory, List<Object> settings, Step... inputs)
        throws Exception {
        NodeHarness<NodeModel> h = NodeHarness.of((Class) factory);
        OPEN.add(h);
        h.applySettings(settings.toArray());
        PortObjectSpec[] early = new PortObjectSpec[inputs.length];
        PortObject[] objects = new PortObject[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            early[i] = inputs[i] == null ? null : inputs[i].promised(0);
            objects[i] = inputs[i] == null ? null : inputs[i].delivered(0);
        }
        PortObjectSpec[] promised = h.configure(early);
        return new Step(promised, h.execute(objects));
    }

    private static void assertTableSpecKept(Step s, int port) {
        assertNotNull(s.promised(port), "configure gave no spec for output " + port);
        assertEquals(s.promised(port), ((BufferedDataTable) s.delivered(port)).getDataTableSpec());
    }

    @Test
    void mnistReader() {
        assertTableSpecKept(reader, 0);
        assertTableSpecKept(readerColumns, 0);
        DataTableSpec spec = (DataTableSpec) reader.promised(0);
        assertEquals(784, spec.getColumnSpec("Pixels").getElementNames().size(), "the list declares its length");
    }

    @Test
    void imageFolderReader(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 12; i++) {
            BufferedImage img = new BufferedImage(10 + i, 12, BufferedImage.TYPE_INT_RGB);
            var g = img.createGraphics();
            g.setColor(new Color(20 * i, 255 - 20 * i, 128));
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.WHITE);
            g.fillOval(2, 2, 6, 6);
            g.dispose();
            Path file = dir.resolve(i % 2 == 0 ? "even" : "odd").resolve("img" + i + ".png");
            Files.createDirectories(file.getParent());
            ImageIO.write(img, "png", file.toFile());
        }
        Step grey = run(ImageFolderReaderNodeFactory.class, List.of("folder", dir.toString(), "width", 8, "height", 8,
            "color", "grey"));
        Step rgbColumns = run(ImageFolderReaderNodeFactory.class, List.of("folder", dir.toString(), "width", 6,
            "height", 4, "pixel_output", "columns", "image_column", false));
        assertTableSpecKept(grey, 0);
        assertTableSpecKept(rgbColumns, 0);
        assertEquals(64, ((DataTableSpec) grey.promised(0)).getColumnSpec("Pixels").getElementNames().size());
        assertEquals(6 * 4 * 3 + 2, ((DataTableSpec) rgbColumns.promised(0)).getNumColumns());

        // the VAE Learner takes the reader's table as it is
        Step learned = run(VaeLearnerNodeFactory.class, List.of("epochs", 1, "encoder_layers", "16", "list_column",
            "Pixels", "label_column", "Label", "batch_size", 4), grey);
        assertTableSpecKept(learned, 1);
        assertTrue(((VaeModelPortObjectSpec) learned.promised(0)).isImage());
        assertTableSpecKept(run(VaeLearnerNodeFactory.class, List.of("epochs", 1, "encoder_layers", "16",
            "input_mode", "columns", "batch_size", 4), rgbColumns), 1);
    }

    @Test
    void vaeLearner() {
        for (Step s : List.of(learner, conditionalLearner, columnsLearner)) {
            assertTableSpecKept(s, 1);
            VaeModelPortObjectSpec early = (VaeModelPortObjectSpec) s.promised(0);
            VaeModelPortObjectSpec trained = ((VaeModelPortObject) s.delivered(0)).getSpec();
            // before training only the label values and the backend are open
            assertEquals(trained.input().withLabels(trained.input().labelColumn(), trained.input().integerLabels(),
                early.input().labelValues()), early.input());
            assertEquals(List.of(trained.latentSize(), trained.likelihood(), trained.imageRows(),
                trained.imageCols(), String.valueOf(trained.whyNotDl4j())), List.of(early.latentSize(),
                    early.likelihood(), early.imageRows(), early.imageCols(), String.valueOf(early.whyNotDl4j())));
            assertTrue(early.isImage() && early.knowsImageShape());
        }
        assertTrue(((VaeModelPortObjectSpec) conditionalLearner.promised(0)).input().integerLabels());
    }

    @Test
    void vaeEncoder() throws Exception {
        assertTableSpecKept(run(VaeEncoderNodeFactory.class, List.of(), learner, reader), 0);
        assertTableSpecKept(run(VaeEncoderNodeFactory.class, List.of("z_logvar", true, "z_sample", true,
            "neg_elbo", true, "anomaly_score", true, "reconstruction_image", true), conditionalLearner, reader), 0);
        assertTableSpecKept(run(VaeEncoderNodeFactory.class, List.of(), columnsLearner, readerColumns), 0);
    }

    @Test
    void vaeDecoderSampler() throws Exception {
        assertTableSpecKept(run(VaeDecoderNodeFactory.class, List.of("sample_count", 5), learner, null), 0);
        assertTableSpecKept(run(VaeDecoderNodeFactory.class, List.of("sample_count", 3, "pixel_output", "columns"),
            conditionalLearner, null), 0);
        assertTableSpecKept(run(VaeDecoderNodeFactory.class, List.of("sample_count", 2), columnsLearner, null), 0);
        Step codes = run(VaeEncoderNodeFactory.class, List.of(), conditionalLearner, reader);
        assertTableSpecKept(run(VaeDecoderNodeFactory.class, List.of("mode", "decode"), conditionalLearner, codes), 0);
        // the decoded list declares its length too, so a Learner after the Decoder knows its image shape early
        Step decoded = run(VaeDecoderNodeFactory.class, List.of("sample_count", 40), learner, null);
        Step again = run(VaeLearnerNodeFactory.class, List.of("epochs", 1, "encoder_layers", "8", "list_column",
            "Pixels", "batch_size", 8), decoded);
        assertTrue(((VaeModelPortObjectSpec) again.promised(0)).isImage());
    }

    @Test
    void latentGridRenderer() throws Exception {
        for (Step model : List.of(learner, conditionalLearner)) {
            Step grid = run(LatentGridRendererNodeFactory.class, List.of("grid_size", 3), model);
            assertEquals(grid.promised(0), grid.delivered(0).getSpec());
            assertTableSpecKept(grid, 1);
        }
    }

    @Test
    void vaeModelReader(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.zip");
        run(VaeModelWriterNodeFactory.class, List.of("file", file.toString()), learner);
        assertTrue(Files.size(file) > 0);
        Step read = run(VaeModelReaderNodeFactory.class, List.of("file", file.toString()));
        assertEquals(read.promised(0), read.delivered(0).getSpec());
    }
}
