package org.vaenodes.knime.testflows;

import java.nio.file.Path;
import java.util.Map;

import org.knime.core.node.NodeSettings;
import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.data.IdxWriter;
import org.vaenodes.engine.data.MnistDataset;
import org.vaenodes.knime.nodes.averager.VaeModelAveragerNodeFactory;
import org.vaenodes.knime.nodes.decoder.VaeDecoderNodeFactory;
import org.vaenodes.knime.nodes.encoder.VaeEncoderNodeFactory;
import org.vaenodes.knime.nodes.grid.LatentGridRendererNodeFactory;
import org.vaenodes.knime.nodes.imagereader.ImageFolderReaderNodeFactory;
import org.vaenodes.knime.nodes.learner.VaeLearnerNodeFactory;
import org.vaenodes.knime.nodes.modelio.VaeModelReaderNodeFactory;
import org.vaenodes.knime.nodes.modelio.VaeModelWriterNodeFactory;
import org.vaenodes.knime.nodes.reader.MnistReaderNodeFactory;
import org.vaenodes.knime.testflows.TestflowWriter.NodeSpec;

/**
 * The source of our testflows: run {@code main(<repo>/testflows)} to (re)write them. The written folders are
 * committed and are what KNIME and our runner execute; each flow's {@code expected} file is written by hand.
 */
public final class TestflowDefinitions {

    private TestflowDefinitions() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        mnistVaeGrid().write(root.resolve("01_mnist_vae_grid"));
        encodeDecodeSample().write(root.resolve("02_encode_decode_sample"));
        conditionalVae().write(root.resolve("03_conditional_vae"));
        Path idx = root.resolve("04_idx_files_and_errors");
        idxFilesAndErrors().write(idx);
        writeIdxData(idx.resolve("data"));
        // its data/dl4j-vae.zip is made by plugins/org.vaenodes.engine/tools/MakeDl4jVaeZip.java (DL4J's API only)
        dl4jModelFiles().write(root.resolve("05_dl4j_model_files"));
        // its data/images/ are made by data/make_images.py (Twemoji pictures, CC-BY 4.0; see data/LICENSE-images.txt)
        ownImages().write(root.resolve("06_own_images"));
        parameterAveraging().write(root.resolve("07_parameter_averaging"));
        anomalyDetection().write(root.resolve("08_anomaly_detection"));
    }

    /** Where flows write their DL4J model file; the runner points output_… variables at the run's output folder. */
    static final String MODEL_FILE_VARIABLE = "output_model_file";

    private static NodeSpec reader(int id, String annotation, Map<String, Object> s, int x, int y) {
        return new NodeSpec(id, MnistReaderNodeFactory.class, annotation, s, Map.of(), x, y);
    }

    /** Reader → Learner (2-D latent; epochs bound to the workflow variable "epochs") → Latent Grid Renderer. */
    static TestflowWriter mnistVaeGrid() {
        return new TestflowWriter()
            .variable("epochs", 10)
            .node(reader(1, "9,000 training digits", Map.of(), 60, 100))
            .node(new NodeSpec(2, VaeLearnerNodeFactory.class, "2-D latent space; epochs from the variable", Map.of("list_column", "Pixels"),
                Map.of("epochs", "epochs"), 260, 100))
            .node(new NodeSpec(3, LatentGridRendererNodeFactory.class, "The learnt digit manifold", Map.of(), Map.of(),
                460, 100))
            .connect(1, 0, 2, 0)
            .connect(2, 0, 3, 0);
    }

    /**
     * Train on the sample's training digits; encode, reconstruct, decode and sample its test digits; write the model
     * as a DL4J file.
     */
    static TestflowWriter encodeDecodeSample() {
        return new TestflowWriter()
            .variable(MODEL_FILE_VARIABLE, "knime://knime.workflow/vae-dl4j.zip")
            .node(reader(1, "9,000 training digits", Map.of(), 60, 60))
            .node(new NodeSpec(2, VaeLearnerNodeFactory.class, "10-D latent space",
                Map.of("list_column", "Pixels", "latent_size", 10), Map.of(), 260, 60))
            .node(reader(3, "200 test digits", Map.of("source", "builtin-test", "max_rows", 200), 60, 220))
            .node(new NodeSpec(4, VaeEncoderNodeFactory.class, "Latent codes, -ELBO, reconstructions",
                Map.of("reconstruction_image", true, "neg_elbo", true, "anomaly_score", true), Map.of(), 460, 220))
            .node(new NodeSpec(5, VaeDecoderNodeFactory.class, "Decode the latent means", Map.of("mode", "decode"), Map.of(),
                660, 220))
            .node(new NodeSpec(6, VaeDecoderNodeFactory.class, "100 samples from the prior", Map.of("sample_count", 100), Map.of(),
                460, 60))
            .connect(1, 0, 2, 0)
            .connect(2, 0, 4, 0).connect(3, 0, 4, 1)
            .connect(2, 0, 5, 0).connect(4, 0, 5, 1)
            .node(modelWriter(7, 660, 60))
            .connect(2, 0, 6, 0)
            .connect(2, 0, 7, 0);
    }

    private static NodeSpec modelWriter(int id, int x, int y) {
        return new NodeSpec(id, VaeModelWriterNodeFactory.class, "The model as a DL4J file", Map.of("overwrite", true),
            Map.of("file", MODEL_FILE_VARIABLE), x, y);
    }

    /**
     * DL4J model files: Learner (DL4J's own trainer) → VAE Model Writer → VAE Model Reader (after the writer, by a flow-variable
     * connection) → Encoder; and a Reader on a VAE zip saved by DL4J itself (data/dl4j-vae.zip) → Latent Grid Renderer.
     */
    static TestflowWriter dl4jModelFiles() {
        return new TestflowWriter()
            .variable(MODEL_FILE_VARIABLE, "knime://knime.workflow/vae-dl4j.zip")
            .node(reader(1, "9,000 training digits", Map.of(), 60, 60))
            .node(new NodeSpec(2, VaeLearnerNodeFactory.class, "Trained by DL4J's own trainer",
                Map.of("list_column", "Pixels", "latent_size", 8, "epochs", 5, "trainer", "dl4j"), Map.of(), 260, 60))
            .node(modelWriter(3, 460, 60))
            .node(new NodeSpec(4, VaeModelReaderNodeFactory.class, "Reads the file just written", Map.of(),
                Map.of("file", MODEL_FILE_VARIABLE), 660, 60))
            .node(reader(5, "200 test digits", Map.of("source", "builtin-test", "max_rows", 200), 660, 200))
            .node(new NodeSpec(6, VaeEncoderNodeFactory.class, "Encode with the model read back", Map.of(), Map.of(), 860, 120))
            .node(new NodeSpec(7, VaeModelReaderNodeFactory.class, "A VAE zip saved by DL4J itself",
                Map.of("file", "knime://knime.workflow/data/dl4j-vae.zip"), Map.of(), 60, 320))
            .node(new NodeSpec(8, LatentGridRendererNodeFactory.class, "Its latent space",
                Map.of("grid_size", 15), Map.of(), 260, 320))
            .connect(1, 0, 2, 0)
            .connect(2, 0, 3, 0)
            .connectVariables(3, 4)
            .connect(4, 0, 6, 0).connect(5, 0, 6, 1)
            .connect(7, 0, 8, 0);
    }

    /**
     * Your own pictures: an Image Folder Reader on 392 colour emoji in five sub-folders (their labels) plus three
     * unreadable files it skips with a warning → VAE Learner on the pixel list (32 × 32 RGB, 2-D latent) → Latent
     * Grid Renderer; a second Learner takes the PNG image cells themselves (16-D latent) and the Encoder reconstructs
     * the pictures with it, from the same image column.
     */
    static TestflowWriter ownImages() {
        return new TestflowWriter()
            .node(new NodeSpec(1, ImageFolderReaderNodeFactory.class, "392 colour pictures in 5 folders, 3 unreadable",
                Map.of("folder", "knime://knime.workflow/data/images", "width", 32, "height", 32, "color", "rgb"),
                Map.of(), 60, 100))
            .node(new NodeSpec(2, VaeLearnerNodeFactory.class, "32 x 32 RGB pixel list, 2-D latent space",
                Map.of("list_column", "Pixels", "encoder_layers", "512", "epochs", 60, "batch_size", 32),
                Map.of(), 260, 40))
            .node(new NodeSpec(3, LatentGridRendererNodeFactory.class, "The learnt picture manifold",
                Map.of("grid_size", 12, "tile_scale", 2), Map.of(), 460, 40))
            .node(new NodeSpec(5, VaeLearnerNodeFactory.class, "Learns from the PNG image cells, 16-D latent",
                Map.of("input_mode", "image", "image_column", "Image", "image_colour", "rgb", "encoder_layers", "512",
                    "latent_size", 16, "epochs", 80, "batch_size", 32),
                Map.of(), 260, 200))
            .node(new NodeSpec(4, VaeEncoderNodeFactory.class, "Reconstructions of the pictures",
                Map.of("reconstruction_image", true), Map.of(), 460, 200))
            .connect(1, 0, 2, 0)
            .connect(2, 0, 3, 0)
            .connect(1, 0, 5, 0)
            .connect(5, 0, 4, 0).connect(1, 0, 4, 1);
    }

    /** Epochs each part is trained per round of flow 07 (its comparison trains one Learner rounds × as many). */
    static final int EPOCHS_PER_ROUND = 2;

    /**
     * Parameter averaging, two rounds unrolled: a starting model (1 epoch on 1,000 digits); the 9,000 training digits
     * split into three parts by three MNIST Readers (first_row, max_rows); three Learners train copies of the start
     * on the parts in parallel branches, the VAE Model Averager merges them; the second round starts from the
     * average. For comparison one Learner trains the start on all rows for as many epochs; the Encoder scores both on
     * the 1,000 test digits.
     */
    static TestflowWriter parameterAveraging() {
        TestflowWriter flow = new TestflowWriter()
            .node(reader(1, "1,000 digits for the starting model", Map.of("max_rows", 1000), 60, 40))
            .node(new NodeSpec(2, VaeLearnerNodeFactory.class, "Starting model: 1 epoch, 10-D latent",
                Map.of("list_column", "Pixels", "latent_size", 10, "epochs", 1), Map.of(), 240, 40))
            .connect(1, 0, 2, 0);
        int[] firstRows = {0, 3000, 6000};
        for (int k = 0; k < 3; k++) {
            flow.node(reader(3 + k, "Part " + (k + 1) + ": digits " + firstRows[k] + " to " + (firstRows[k] + 2999),
                Map.of("first_row", firstRows[k], "max_rows", 3000), 60, 160 + 120 * k));
        }
        for (int round = 0; round < 2; round++) {
            int from = round == 0 ? 2 : 9;
            int first = round == 0 ? 6 : 10;
            int averager = round == 0 ? 9 : 13;
            for (int k = 0; k < 3; k++) {
                flow.node(new NodeSpec(first + k, VaeLearnerNodeFactory.class, "Round " + (round + 1) + ", part "
                    + (k + 1) + ": " + EPOCHS_PER_ROUND + " epochs from " + (round == 0 ? "the start" : "the average"),
                    Map.of("list_column", "Pixels", "epochs", EPOCHS_PER_ROUND, "seed", 42 + k), Map.of(),
                    260 + 400 * round, 160 + 120 * k))
                    .connect(3 + k, 0, first + k, 0)
                    .connect(from, 0, first + k, 1)
                    .connect(first + k, 0, averager, k);
            }
            flow.node(new NodeSpec(averager, VaeModelAveragerNodeFactory.class, "Round " + (round + 1)
                + ": the average, weighted by rows", Map.of(), Map.of(), 460 + 400 * round, 280));
        }
        return flow
            .node(reader(14, "1,000 test digits", Map.of("source", "builtin-test"), 860, 40))
            .node(new NodeSpec(15, VaeEncoderNodeFactory.class, "-ELBO of the averaged model",
                Map.of("neg_elbo", true), Map.of(), 1060, 160))
            .connect(13, 0, 15, 0).connect(14, 0, 15, 1)
            .node(reader(16, "All 9,000 training digits", Map.of(), 60, 520))
            .node(new NodeSpec(17, VaeLearnerNodeFactory.class, "One Learner on all rows: "
                + 2 * EPOCHS_PER_ROUND + " epochs from the start", Map.of("list_column", "Pixels", "epochs",
                    2 * EPOCHS_PER_ROUND), Map.of(), 660, 520))
            .connect(16, 0, 17, 0).connect(2, 0, 17, 1)
            .node(new NodeSpec(18, VaeEncoderNodeFactory.class, "-ELBO of the one Learner",
                Map.of("neg_elbo", true), Map.of(), 1060, 520))
            .connect(17, 0, 18, 0).connect(14, 0, 18, 1);
    }

    /**
     * Anomaly detection: a VAE learns the digits 1 to 9 only (the MNIST Reader's label filter); the Encoder scores all
     * 1,000 test digits with the reconstruction log-probability, and the held-out digit 0 is the anomaly.
     */
    static TestflowWriter anomalyDetection() {
        return new TestflowWriter()
            .node(reader(1, "Normal data: training digits 1 to 9", Map.of("labels", "1-9"), 60, 100))
            .node(new NodeSpec(2, VaeLearnerNodeFactory.class, "Learns what normal digits look like",
                Map.of("list_column", "Pixels", "latent_size", 10), Map.of(), 260, 100))
            .node(reader(3, "1,000 test digits, the zeros among them", Map.of("source", "builtin-test"), 260, 240))
            .node(new NodeSpec(4, VaeEncoderNodeFactory.class, "Anomaly score of every test digit",
                Map.of("anomaly_score", true, "neg_elbo", true), Map.of(), 460, 170))
            .connect(1, 0, 2, 0)
            .connect(2, 0, 4, 0).connect(3, 0, 4, 1);
    }

    /** A VAE conditioned on the digit label: ten samples of every digit, and the latent grid of the digit 3. */
    static TestflowWriter conditionalVae() {
        return new TestflowWriter()
            .node(reader(1, "9,000 training digits", Map.of(), 60, 100))
            .node(new NodeSpec(2, VaeLearnerNodeFactory.class, "Conditioned on the label",
                Map.of("list_column", "Pixels", "label_column", "Label"), Map.of(), 260, 100))
            .node(new NodeSpec(3, VaeDecoderNodeFactory.class, "Ten samples of every digit",
                Map.of("sample_count", 10, "sample_labels", "all"), Map.of(), 460, 40))
            .node(new NodeSpec(4, LatentGridRendererNodeFactory.class, "Latent space of the digit 3",
                Map.of("label", "3", "grid_size", 12), Map.of(), 460, 180))
            .connect(1, 0, 2, 0)
            .connect(2, 0, 3, 0)
            .connect(2, 0, 4, 0);
    }

    /** Reader on IDX files in the workflow's data/ folder; a second reader on a malformed file must fail. */
    static TestflowWriter idxFilesAndErrors() {
        NodeSettings config = new NodeSettings("model");
        config.addString("owner", "vaenodes");
        config.addStringArray("requiredLogErrors");
        config.addStringArray("requiredLogWarnings");
        config.addStringArray("requiredLogInfos");
        config.addStringArray("optionalLogMessages");
        config.addStringArray("failingNodes", "2");
        config.addNodeSettings("requiredNodeWarnings").addInt("count", 0);
        NodeSettings errors = (NodeSettings) config.addNodeSettings("requiredNodeErrors");
        errors.addString("nodeID_0", "2");
        errors.addString("message_0", "is an IDX label file");
        errors.addInt("count", 1);
        config.addInt("timeout", 300);
        config.addBoolean("streamingTest", false);
        return new TestflowWriter(config)
            .node(reader(1, "IDX files in data/", Map.of("source", "idx-files",
                "images_file", "knime://knime.workflow/data/digits-images-idx3-ubyte.gz",
                "labels_file", "knime://knime.workflow/data/digits-labels-idx1-ubyte.gz"), 60, 100))
            .node(reader(2, "A label file posing as images: must fail", Map.of("source", "idx-files",
                "images_file", "knime://knime.workflow/data/labels-not-images-idx3-ubyte"), 60, 240))
            .node(new NodeSpec(3, VaeLearnerNodeFactory.class, "Train on the IDX digits",
                Map.of("list_column", "Pixels", "epochs", 3, "encoder_layers", "128"), Map.of(), 260, 100))
            .node(new NodeSpec(4, LatentGridRendererNodeFactory.class, "Their latent space",
                Map.of("grid_size", 10), Map.of(), 460, 100))
            .connect(1, 0, 3, 0)
            .connect(3, 0, 4, 0);
    }

    /** 500 test digits as IDX (images gzip, labels raw) and a malformed "image" file that is really labels. */
    static void writeIdxData(Path data) throws Exception {
        MnistDataset d = BuiltInSample.load(BuiltInSample.Split.TEST, 500);
        java.nio.file.Files.createDirectories(data);
        IdxWriter.writeImages(data.resolve("digits-images-idx3-ubyte.gz"), d.images(), true);
        IdxWriter.writeLabels(data.resolve("digits-labels-idx1-ubyte.gz"), d.labels(), true);
        IdxWriter.writeLabels(data.resolve("labels-not-images-idx3-ubyte"), java.util.Arrays.copyOf(d.labels(), 50),
            false);
    }
}
