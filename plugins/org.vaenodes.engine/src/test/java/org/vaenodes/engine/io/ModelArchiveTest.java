package org.vaenodes.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.model.Encoding;
import org.vaenodes.engine.spec.InputDescription;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.Digits;
import org.vaenodes.engine.train.TrainedModel;
import org.vaenodes.engine.train.Trainer;
import org.vaenodes.engine.train.TrainingConfig;
import org.vaenodes.engine.train.TrainingData;

class ModelArchiveTest {

    static TrainedModel model;
    static Digits digits;
    static byte[] bytes;

    @BeforeAll
    static void train() throws IOException {
        digits = Digits.load(BuiltInSample.Split.TEST, 300);
        VaeConfig cfg = VaeConfig.of(784, new int[] {64, 32}, 3).withImageShape(28, 28).withNumClasses(10);
        model = TrainedModel.of(Trainer.train(cfg, digits.data(true), new TrainingConfig(2, 50, 1e-3, 2, 0.2, 0,
                false), null, null), InputDescription.ofList("pixels", 784).withLabels("label",
                        List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")));
        bytes = ModelArchive.toBytes(model);
    }

    @Test
    void roundTripGivesIdenticalOutputs() throws IOException {
        TrainedModel back = ModelArchive.fromBytes(bytes);
        assertEquals(model.config(), back.config());
        assertEquals(model.history(), back.history());
        assertEquals(model.input(), back.input());
        assertEquals(model.provenance(), back.provenance());
        assertArrayEquals(model.vae().parameters(), back.vae().parameters());
        int[] labels = java.util.Arrays.copyOf(digits.labels, 20);
        float[] x = java.util.Arrays.copyOf(digits.x, 20 * 784);
        Encoding a = model.vae().encode(x, 20, labels);
        Encoding b = back.vae().encode(x, 20, labels);
        assertArrayEquals(a.mu(), b.mu());
        assertArrayEquals(a.logVar(), b.logVar());
        assertArrayEquals(model.vae().decode(a.mu(), 20, labels), back.vae().decode(b.mu(), 20, labels));
        // deterministic bytes
        assertArrayEquals(bytes, ModelArchive.toBytes(back));
    }

    private static byte[] rewrite(String replaceName, String newName, byte[] newContent) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(replaceName)) {
                    if (newName == null) {
                        continue;
                    }
                    zip.putNextEntry(new ZipEntry(newName));
                    zip.write(newContent == null ? content : newContent);
                } else {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    zip.write(content);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String fails(byte[] b) {
        return assertThrows(ModelFormatException.class, () -> ModelArchive.fromBytes(b)).getMessage();
    }

    @Test
    void aColourModelRecordsItsChannelsPixelOrderAndScalingInItsDl4jFile() throws IOException {
        // 4 × 4 RGB pictures from an image column: 48 values per row, interleaved R, G, B
        float[] x = new float[60 * 48];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7 % 11) / 10f;
        }
        VaeConfig cfg = VaeConfig.of(48, new int[] {16}, 2).withImageShape(new ImageShape(4, 4, 3));
        TrainedModel colour = TrainedModel.of(Trainer.train(cfg, new TrainingData(x, 60, 48, null),
                TrainingConfig.defaults(1, 3), null, null), InputDescription.ofImages("Image", 48));
        byte[] file = ModelArchive.toBytes(colour);
        TrainedModel back = ModelArchive.fromBytes(file);
        assertEquals(new ImageShape(4, 4, 3), back.config().imageShape());
        assertEquals("Image", back.input().imageColumn());
        assertEquals(48, back.input().width());
        String config = new String(entry(file, ModelArchive.CONFIG), StandardCharsets.UTF_8);
        assertTrue(config.contains("image.channels=3") && config.contains("image.pixel.order=row-major")
                && config.contains("image.scaling="), config);
        assertTrue(entry(file, "configuration.json").length > 0, "a DL4J network file");

        // a file from before colour models says nothing of channels: its images are grey
        String grey = new String(readEntry(ModelArchive.CONFIG), StandardCharsets.UTF_8)
                .replaceAll("image\\.(channels|pixel\\.order|scaling)=[^\\n]*\\n", "");
        assertTrue(!grey.contains("image.channels"), grey);
        TrainedModel old = ModelArchive.fromBytes(rewrite(ModelArchive.CONFIG, ModelArchive.CONFIG,
                grey.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ImageShape.gray(28, 28), old.config().imageShape());
    }

    @Test
    void rejectsTraversalNames() throws IOException {
        for (String bad : new String[] {"../weights.bin", "sub/weights.bin", "..\\x", "a..b"}) {
            String msg = fails(rewrite(ModelArchive.HISTORY, bad, null));
            assertTrue(msg.contains("path") || msg.contains("unexpected"), msg);
        }
    }

    @Test
    void rejectsTruncatedAndGarbage() {
        for (int len : new int[] {0, 10, bytes.length / 3, bytes.length * 2 / 3, bytes.length - 1200}) {
            String msg = fails(java.util.Arrays.copyOf(bytes, len));
            assertTrue(msg.contains("corrupt"), msg);
        }
        assertTrue(fails("hello world".getBytes(StandardCharsets.UTF_8)).contains("corrupt"));
    }

    @Test
    void rejectsNewerFormat() throws IOException {
        String msg = fails(rewrite(ModelArchive.FORMAT, ModelArchive.FORMAT,
                "format.version=3\nengine.version=9.0\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(msg.contains("newer version of VAE Nodes (format 3"), msg);
        assertTrue(msg.contains("reads format 2"), msg);
    }

    @Test
    void rejectsMissingEntryAndWrongWeightCount() throws IOException {
        assertTrue(fails(rewrite(ModelArchive.PROVENANCE, null, null)).contains("provenance.properties is missing"));
        String cfg = new String(readEntry(ModelArchive.CONFIG), StandardCharsets.UTF_8).replace("latent.size=3",
                "latent.size=4");
        String msg = fails(rewrite(ModelArchive.CONFIG, ModelArchive.CONFIG, cfg.getBytes(StandardCharsets.UTF_8)));
        assertTrue(msg.contains("weights"), msg);
    }

    private static byte[] readEntry(String name) throws IOException {
        return entry(bytes, name);
    }

    private static byte[] entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IOException(name);
    }
}
