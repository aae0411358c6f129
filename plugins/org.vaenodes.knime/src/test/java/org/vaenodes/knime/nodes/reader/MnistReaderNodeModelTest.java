package org.vaenodes.knime.nodes.reader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.vaenodes.engine.data.IdxImages;
import org.vaenodes.engine.data.IdxWriter;
import org.vaenodes.shim.harness.NodeHarness;
import org.vaenodes.shim.harness.ShimAccess;

/** The MNIST Reader through the shim's node harness: configure, execute, settings, bad input, cancel. */
class MnistReaderNodeModelTest {

    private NodeHarness<MnistReaderNodeModel> node;

    @BeforeEach
    void create() {
        node = NodeHarness.of(MnistReaderNodeFactory.class);
    }

    @AfterEach
    void noLoggedErrors() {
        assertEquals(List.of(), node.loggedErrors(), "the node logged errors or coding problems");
        node.close();
    }

    private void set(Object... keyValues) throws InvalidSettingsException {
        node.applySettings(keyValues);
    }

    private BufferedDataTable run() throws Exception {
        return (BufferedDataTable) node.execute()[0];
    }

    @Test
    void defaultsReadTheBuiltInTrainingDigits() throws Exception {
        DataTableSpec spec = (DataTableSpec) node.configure()[0];
        assertArrayEquals(new String[] {"Label", "Image", "Pixels"}, spec.getColumnNames());
        assertEquals(ListCell.getCollectionType(DoubleCell.TYPE), spec.getColumnSpec("Pixels").getType());
        assertEquals(PNGImageContent.TYPE, spec.getColumnSpec("Image").getType());

        set(MnistReaderSettings.CFG_MAX_ROWS, 60);
        BufferedDataTable out = run();
        assertEquals(60, out.size());
        Set<Integer> labels = new HashSet<>();
        for (DataRow row : out) {
            int label = ((IntCell) row.getCell(0)).getIntValue();
            assertTrue(label >= 0 && label <= 9, "label out of range: " + label);
            labels.add(label);
            Dimension size = ((PNGImageValue) row.getCell(1)).getImageContent().getPreferredSize();
            assertEquals(new Dimension(28, 28), size);
            ListDataValue pixels = (ListDataValue) row.getCell(2);
            assertEquals(784, pixels.size());
            double max = 0;
            for (int p = 0; p < 784; p++) {
                double v = ((DoubleCell) pixels.get(p)).getDoubleValue();
                assertTrue(v >= 0 && v <= 1, "scaled pixel out of [0,1]: " + v);
                max = Math.max(max, v);
            }
            assertTrue(max > 0.5, "digit " + row.getKey() + " is blank");
        }
        assertTrue(labels.size() >= 8, "60 random digits should cover most classes: " + labels);
        assertEquals("Row0", out.iterator().next().getKey().getString());
    }

    /** 47,040 pixel cells share at most one cell object per grey level (256), the same values as distinct cells. */
    @Test
    void pixelCellsOfTheSameGreyLevelAreOneSharedCell() throws Exception {
        set(MnistReaderSettings.CFG_MAX_ROWS, 60);
        Set<DataCell> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Set<Double> values = new HashSet<>();
        for (DataRow row : run()) {
            ListDataValue pixels = (ListDataValue) row.getCell(2);
            for (int p = 0; p < pixels.size(); p++) {
                distinct.add(pixels.get(p));
                values.add(((DoubleCell) pixels.get(p)).getDoubleValue());
            }
        }
        assertTrue(values.size() > 100, "grey levels in 60 digits: " + values.size());
        assertTrue(distinct.size() <= 256 && distinct.size() >= values.size(), distinct.size() + " cell objects for "
            + values.size() + " values");
    }

    @Test
    void pixelColumnsRawValuesAndTestSplit() throws Exception {
        set(MnistReaderSettings.CFG_SOURCE, "builtin-test", MnistReaderSettings.CFG_MAX_ROWS, 5,
            MnistReaderSettings.CFG_PIXEL_OUTPUT, "columns", MnistReaderSettings.CFG_SCALE_TO_UNIT, false,
            MnistReaderSettings.CFG_IMAGE_COLUMN, false, MnistReaderSettings.CFG_ROW_ID_PREFIX, "test-");
        BufferedDataTable out = run();
        DataTableSpec spec = out.getDataTableSpec();
        assertEquals(1 + 784, spec.getNumColumns());
        assertEquals("pixel_783", spec.getColumnSpec(784).getName());
        assertEquals(5, out.size());
        double max = 0;
        for (DataRow row : out) {
            assertTrue(row.getKey().getString().startsWith("test-"));
            for (int c = 1; c < spec.getNumColumns(); c++) {
                max = Math.max(max, ((DoubleCell) row.getCell(c)).getDoubleValue());
            }
        }
        assertEquals(255.0, max, "unscaled pixels keep their 0-255 values");
    }

    @Test
    void readsIdxFilesOfAnyImageSize(@TempDir Path dir) throws Exception {
        byte[] pixels = new byte[4 * 5 * 7];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        Path images = dir.resolve("imgs-idx3-ubyte.gz");
        Path labels = dir.resolve("labels-idx1-ubyte");
        IdxWriter.writeImages(images, new IdxImages(4, 5, 7, pixels), true);
        IdxWriter.writeLabels(labels, new int[] {3, 1, 4, 1}, false);
        set(MnistReaderSettings.CFG_SOURCE, "idx-files", MnistReaderSettings.CFG_IMAGES_FILE, images.toString(),
            MnistReaderSettings.CFG_LABELS_FILE, labels.toString());
        BufferedDataTable out = run();
        assertEquals(4, out.size());
        DataRow first = out.iterator().next();
        assertEquals(3, ((IntCell) first.getCell(0)).getIntValue());
        assertEquals(new Dimension(7, 5), ((PNGImageValue) first.getCell(1)).getImageContent().getPreferredSize());
        assertEquals(35, ((ListDataValue) first.getCell(2)).size());
        assertEquals((7 & 0xff) / 255.0, ((DoubleCell) ((ListDataValue) first.getCell(2)).get(1)).getDoubleValue(), 1e-6);

        // without labels there is no Label column
        set(MnistReaderSettings.CFG_LABELS_FILE, "");
        assertArrayEquals(new String[] {"Image", "Pixels"}, ((DataTableSpec) node.configure()[0]).getColumnNames());
    }

    @Test
    void missingFileIsAClearConfigureError(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope-idx3-ubyte.gz");
        set(MnistReaderSettings.CFG_SOURCE, "idx-files", MnistReaderSettings.CFG_IMAGES_FILE, missing.toString());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> node.configure());
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains(missing.toString()),
            e.getMessage());
    }

    @Test
    void wrongMagicNamesTheFileAndWhatWasExpected(@TempDir Path dir) throws Exception {
        Path labels = dir.resolve("labels-idx1-ubyte");
        IdxWriter.writeLabels(labels, new int[] {1, 2, 3}, false);
        set(MnistReaderSettings.CFG_SOURCE, "idx-files", MnistReaderSettings.CFG_IMAGES_FILE, labels.toString());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> node.configure());
        assertTrue(e.getMessage().contains(labels.toString()), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("magic"), e.getMessage());
    }

    @Test
    void truncatedFilesFailWithTheFileNamed(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good-idx3-ubyte");
        IdxWriter.writeImages(good, new IdxImages(10, 28, 28, new byte[10 * 784]), false);
        byte[] bytes = Files.readAllBytes(good);
        Path raw = dir.resolve("cut-idx3-ubyte");
        Files.write(raw, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        set(MnistReaderSettings.CFG_SOURCE, "idx-files", MnistReaderSettings.CFG_IMAGES_FILE, raw.toString());
        InvalidSettingsException atConfigure = assertThrows(InvalidSettingsException.class, () -> node.configure());
        assertTrue(atConfigure.getMessage().contains(raw.toString()), atConfigure.getMessage());

        // a gzip file can only be found short by reading it: that happens at execute, with the same clarity
        Path gz = dir.resolve("cut-idx3-ubyte.gz");
        byte[] noise = new byte[10 * 784]; // incompressible, so half the file still holds a readable header
        new java.util.Random(1).nextBytes(noise);
        IdxWriter.writeImages(gz, new IdxImages(10, 28, 28, noise), true);
        byte[] zipped = Files.readAllBytes(gz);
        Path cutGz = dir.resolve("cutgz-idx3-ubyte.gz");
        Files.write(cutGz, java.util.Arrays.copyOf(zipped, zipped.length / 2));
        set(MnistReaderSettings.CFG_IMAGES_FILE, cutGz.toString());
        IOException atExecute = assertThrows(IOException.class, this::run);
        assertTrue(atExecute.getMessage().contains(cutGz.toString()), atExecute.getMessage());
    }

    @Test
    void mismatchedImagesAndLabelsAreReportedAtConfigure(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("i-idx3-ubyte");
        Path labels = dir.resolve("l-idx1-ubyte");
        IdxWriter.writeImages(images, new IdxImages(3, 2, 2, new byte[12]), false);
        IdxWriter.writeLabels(labels, new int[] {1, 2}, false);
        set(MnistReaderSettings.CFG_SOURCE, "idx-files", MnistReaderSettings.CFG_IMAGES_FILE, images.toString(),
            MnistReaderSettings.CFG_LABELS_FILE, labels.toString());
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> node.configure());
        assertTrue(e.getMessage().contains(images.toString()) && e.getMessage().contains(labels.toString()),
            e.getMessage());
    }

    @Test
    void settingsSurviveTheXmlRoundtripAndBadValuesAreRejected() throws Exception {
        set(MnistReaderSettings.CFG_MAX_ROWS, 123, MnistReaderSettings.CFG_PIXEL_OUTPUT, "none");
        NodeSettingsRO back = node.roundtripSettings();
        assertEquals(123, back.getInt(MnistReaderSettings.CFG_MAX_ROWS));
        assertEquals("none", back.getString(MnistReaderSettings.CFG_PIXEL_OUTPUT));

        assertThrows(InvalidSettingsException.class, () -> set(MnistReaderSettings.CFG_MAX_ROWS, -1));
        InvalidSettingsException unknown =
            assertThrows(InvalidSettingsException.class, () -> set(MnistReaderSettings.CFG_SOURCE, "floppy"));
        assertTrue(unknown.getMessage().contains("builtin-train"), unknown.getMessage());
        assertThrows(InvalidSettingsException.class,
            () -> set(MnistReaderSettings.CFG_SOURCE, "idx-files", MnistReaderSettings.CFG_IMAGES_FILE, ""));
        assertThrows(InvalidSettingsException.class, () -> set(MnistReaderSettings.CFG_PIXEL_OUTPUT, "none",
            MnistReaderSettings.CFG_IMAGE_COLUMN, false));
        // a rejected setting leaves the previous ones in place
        assertEquals(123, node.settings().getInt(MnistReaderSettings.CFG_MAX_ROWS));
    }

    @Test
    void workflowsSavedBeforeTheCacheFolderSettingStillLoad() throws Exception {
        NodeSettings s = node.settings();
        NodeSettings withoutCache = OlderSettings.without(s, key -> key.startsWith(MnistReaderSettings.CFG_CACHE_DIR));
        assertFalse(withoutCache.containsKey(MnistReaderSettings.CFG_CACHE_DIR));
        node.loadSettings(withoutCache);
        assertEquals("", node.settings().getString(MnistReaderSettings.CFG_CACHE_DIR), "missing key keeps the default");
    }

    @Test
    void dialogShowsAndSavesTheModelSettings() throws Exception {
        set(MnistReaderSettings.CFG_MAX_ROWS, 77, MnistReaderSettings.CFG_SOURCE, "builtin-test");
        NodeSettings fromDialog = node.dialogRoundtrip();
        assertEquals(77, fromDialog.getInt(MnistReaderSettings.CFG_MAX_ROWS));
        assertEquals("builtin-test", fromDialog.getString(MnistReaderSettings.CFG_SOURCE));
    }

    @Test
    void downloadSourcesConfigureWithoutNetworkAndFailClearlyWhenTheMirrorIsDown(@TempDir Path cache)
        throws Exception {
        set(MnistReaderSettings.CFG_SOURCE, "download-fashion-mnist-test", MnistReaderSettings.CFG_CACHE_DIR,
            cache.toString());
        DataTableSpec spec = (DataTableSpec) node.configure()[0];
        assertArrayEquals(new String[] {"Label", "Image", "Pixels"}, spec.getColumnNames());

        String old = System.getProperty("vaenodes.fashionmnist.mirror");
        System.setProperty("vaenodes.fashionmnist.mirror", "http://127.0.0.1:9/no-such-mirror/");
        try {
            IOException e = assertThrows(IOException.class, this::run);
            assertTrue(e.getMessage().contains("127.0.0.1:9"), "the message names the URL: " + e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("vaenodes.fashionmnist.mirror");
            } else {
                System.setProperty("vaenodes.fashionmnist.mirror", old);
            }
        }
        try (var files = Files.walk(cache)) {
            assertTrue(files.filter(Files::isRegularFile).findAny().isEmpty(), "a failed download caches nothing");
        }
    }

    @Test
    void cancelStopsExecution() throws Exception {
        set(MnistReaderSettings.CFG_MAX_ROWS, 2000);
        assertThrows(CanceledExecutionException.class,
            () -> node.execute(ShimAccess.newExecutionContext(() -> true, (p, m) -> { })));
        assertFalse(node.warningMessage() != null && !node.warningMessage().isEmpty());
    }
}
