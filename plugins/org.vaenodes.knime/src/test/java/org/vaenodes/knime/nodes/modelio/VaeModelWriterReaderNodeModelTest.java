package org.vaenodes.knime.nodes.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.vaenodes.engine.train.TrainedModel;
import org.vaenodes.knime.port.VaeModelPortObject;
import org.vaenodes.knime.port.VaeModelPortObjectSpec;
import org.vaenodes.knime.testing.TestModels;
import org.vaenodes.shim.harness.NodeHarness;

/** VAE Model Writer and Reader through the shim's node harness: DL4J files out and back in, refusals, overwrite. */
class VaeModelWriterReaderNodeModelTest {

    private final NodeHarness<VaeModelWriterNodeModel> writer = NodeHarness.of(VaeModelWriterNodeFactory.class);
    private final NodeHarness<VaeModelReaderNodeModel> reader = NodeHarness.of(VaeModelReaderNodeFactory.class);

    @AfterEach
    void noLoggedErrors() {
        assertEquals(List.of(), writer.loggedErrors());
        assertEquals(List.of(), reader.loggedErrors());
        writer.close();
        reader.close();
    }

    private static void set(NodeHarness<?> node, Object... keyValues) throws InvalidSettingsException {
        node.applySettings(keyValues);
    }

    @Test
    void aWrittenModelReadsBackWithTheSameNetworkSpecAndMetadata(@TempDir Path dir) throws Exception {
        VaeModelPortObject model = TestModels.unconditional();
        Path file = dir.resolve("sub").resolve("vae.zip");
        set(writer, "file", file.toString());
        writer.configure(model.getSpec());
        writer.execute(model);
        assertTrue(Files.size(file) > 0);
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }

        set(reader, "file", file.toUri().toString());
        PortObjectSpec[] specs = reader.configure();
        VaeModelPortObjectSpec spec = (VaeModelPortObjectSpec) specs[0];
        assertEquals(model.getSpec().latentSize(), spec.latentSize(), "the spec is known at configure time");
        assertEquals(28, spec.imageRows());
        PortObject[] out = reader.execute();
        TrainedModel back = ((VaeModelPortObject) out[0]).model();
        assertArrayEquals(model.model().vae().parameters(), back.vae().parameters());
        assertEquals(model.model().history(), back.history());
        assertEquals(model.model().input(), back.input());
        assertTrue(back.vae().isDl4jNetwork());
    }

    @Test
    void anExistingFileIsKeptUnlessOverwriteIsOn(@TempDir Path dir) throws Exception {
        VaeModelPortObject model = TestModels.unconditional();
        Path file = dir.resolve("vae.zip");
        Files.writeString(file, "precious");
        set(writer, "file", file.toString());
        writer.configure(model.getSpec());
        assertTrue(writer.warningMessage().contains("will not be overwritten"), writer.warningMessage());
        String msg = assertThrows(InvalidSettingsException.class, () -> writer.execute(model)).getMessage();
        assertTrue(msg.contains("exists") && msg.contains("overwrite"), msg);
        assertEquals("precious", Files.readString(file));
        set(writer, "file", file.toString(), "overwrite", true);
        writer.execute(model);
        assertTrue(Files.size(file) > 1000);
    }

    @Test
    void modelsDl4jCannotHoldAreRefusedAtConfigure(@TempDir Path dir) throws Exception {
        set(writer, "file", dir.resolve("c.zip").toString());
        String msg = assertThrows(InvalidSettingsException.class,
            () -> writer.configure(TestModels.conditional().getSpec())).getMessage();
        assertTrue(msg.contains("conditional") && msg.contains("Model Writer"), msg);
        VaeModelPortObjectSpec s = TestModels.unconditional().getSpec();
        VaeModelPortObjectSpec linear = new VaeModelPortObjectSpec(s.input(), s.latentSize(), s.likelihood(),
            s.imageShape(), "", org.vaenodes.engine.spec.Dl4jCompatibility.whyNot(false, 0));
        msg = assertThrows(InvalidSettingsException.class, () -> writer.configure(linear)).getMessage();
        assertTrue(msg.contains("without hidden layers"), msg);
    }

    @Test
    void aColourModelKeepsItsShapeAndAnOverrideIsRgbWhenThreeValuesFillEachPixel(@TempDir Path dir) throws Exception {
        float[] x = new float[40 * 48];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 13) / 12f;
        }
        org.vaenodes.engine.spec.VaeConfig cfg = org.vaenodes.engine.spec.VaeConfig.of(48, new int[] {8}, 2)
            .withImageShape(new org.vaenodes.engine.image.ImageShape(4, 4, 3));
        TrainedModel m = TrainedModel.of(org.vaenodes.engine.train.Trainer.train(cfg,
            new org.vaenodes.engine.train.TrainingData(x, 40, 48, null),
            org.vaenodes.engine.train.TrainingConfig.defaults(1, 1), null, null),
            org.vaenodes.engine.spec.InputDescription.ofImages("Image", 48));
        Path file = dir.resolve("rgb.zip");
        set(writer, "file", file.toString());
        writer.execute(TestModels.portObject(m));
        set(reader, "file", file.toString());
        VaeModelPortObjectSpec spec = (VaeModelPortObjectSpec) reader.configure()[0];
        assertEquals(new org.vaenodes.engine.image.ImageShape(4, 4, 3), spec.imageShape());
        assertEquals("Image", spec.input().imageColumn());
        // 2 × 8 pixels × 3 values = 48: read as RGB
        set(reader, "file", file.toString(), "image_rows", 2, "image_cols", 8);
        spec = (VaeModelPortObjectSpec) reader.configure()[0];
        assertEquals(new org.vaenodes.engine.image.ImageShape(8, 2, 3), spec.imageShape());
    }

    @Test
    void readerConfigureReadsOnlyTheSmallEntriesAndExecuteReadsTheNetwork(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("vae.zip");
        set(writer, "file", file.toString());
        writer.execute(TestModels.unconditional());
        // cut the parameters short: configure (which builds no network) still gives the spec, execute names the damage
        Path damaged = dir.resolve("damaged.zip");
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(file));
            var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(damaged))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null;) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals("coefficients.bin") || e.getName().equals("weights.bin")) {
                    content = java.util.Arrays.copyOf(content, 64);
                }
                out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                out.write(content);
            }
        }
        set(reader, "file", damaged.toString());
        VaeModelPortObjectSpec spec = (VaeModelPortObjectSpec) reader.configure()[0];
        assertEquals(TestModels.unconditional().getSpec().latentSize(), spec.latentSize());
        String msg = assertThrows(InvalidSettingsException.class, () -> reader.execute()).getMessage();
        assertTrue(msg.contains("damaged.zip") && msg.contains("Cannot read the VAE model"), msg);
    }

    @Test
    void readerSettingsOverrideWhatAFileCannotSayAndBadFilesFailAtConfigure(@TempDir Path dir) throws Exception {
        VaeModelPortObject model = TestModels.unconditional();
        Path file = dir.resolve("vae.zip");
        set(writer, "file", file.toString());
        writer.execute(model);
        set(reader, "file", file.toString(), "list_column", "Inputs", "image_rows", 14, "image_cols", 56);
        VaeModelPortObjectSpec spec = (VaeModelPortObjectSpec) reader.configure()[0];
        assertEquals("Inputs", spec.input().listColumn());
        assertEquals(14, spec.imageRows());
        assertEquals(56, spec.imageCols());
        assertEquals(1, spec.imageShape().channels(), "14 × 56 pixels fill the 784 values: grey");

        set(reader, "file", file.toString(), "image_rows", 10, "image_cols", 10);
        assertTrue(assertThrows(InvalidSettingsException.class, reader::configure).getMessage()
            .contains("does not fit"));

        Path junk = dir.resolve("junk.zip");
        Files.writeString(junk, "not a zip");
        set(reader, "file", junk.toString());
        String msg = assertThrows(InvalidSettingsException.class, reader::configure).getMessage();
        assertTrue(msg.contains("Cannot read the VAE model") && msg.contains("junk.zip"), msg);

        // a file that does not exist yet may come from an upstream node: no spec, no warning, until execute
        set(reader, "file", dir.resolve("missing.zip").toString());
        assertArrayEquals(new PortObjectSpec[] {null}, reader.configure());
        assertEquals(null, reader.warningMessage());
        String missing = assertThrows(InvalidSettingsException.class, () -> reader.execute()).getMessage();
        assertTrue(missing.contains("does not exist") && missing.contains("missing.zip"), missing);
    }
}
