package org.vaenodes.knime.nodes.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataRow;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.data.IdxImages;
import org.vaenodes.engine.data.IdxReader;
import org.vaenodes.engine.data.IdxWriter;
import org.vaenodes.engine.data.MnistDataset;
import org.vaenodes.shim.harness.NodeHarness;

/** The MNIST Reader's first row and label filter: ranges of the source, labels kept, row IDs, mistakes, old flows. */
class MnistReaderRowSelectionTest {

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

    private static List<String> ids(BufferedDataTable t) {
        List<String> ids = new ArrayList<>();
        for (DataRow r : t) {
            ids.add(r.getKey().getString());
        }
        return ids;
    }

    private static int label(DataRow r) {
        return ((IntCell) r.getCell(0)).getIntValue();
    }

    @Test
    void firstRowAndMaximumRowsReadARangeKeepingTheIndicesInTheFile() throws Exception {
        MnistDataset sample = BuiltInSample.load(BuiltInSample.Split.TRAIN, 3005);
        set(MnistReaderSettings.CFG_FIRST_ROW, 3000, MnistReaderSettings.CFG_MAX_ROWS, 5,
            MnistReaderSettings.CFG_IMAGE_COLUMN, false, MnistReaderSettings.CFG_SCALE_TO_UNIT, false);
        BufferedDataTable out = run();
        assertEquals(List.of("Row3000", "Row3001", "Row3002", "Row3003", "Row3004"), ids(out));
        int i = 3000;
        for (DataRow r : out) {
            assertEquals(sample.label(i), label(r), "label of image " + i);
            ListDataValue pixels = (ListDataValue) r.getCell(1);
            float[] expected = sample.imageAsFloats(i, false);
            for (int p = 0; p < expected.length; p++) {
                assertEquals(expected[p], ((DoubleCell) pixels.get(p)).getDoubleValue(), "pixel " + p + " of " + i);
            }
            i++;
        }
    }

    @Test
    void threeReadersSplitTheTrainingDigitsIntoDistinctParts() throws Exception {
        Set<String> seen = new java.util.HashSet<>();
        long total = 0;
        for (int part = 0; part < 3; part++) {
            set(MnistReaderSettings.CFG_FIRST_ROW, 3000 * part, MnistReaderSettings.CFG_MAX_ROWS, 3000,
                MnistReaderSettings.CFG_IMAGE_COLUMN, false);
            BufferedDataTable out = run();
            assertEquals(3000, out.size());
            List<String> ids = ids(out);
            assertEquals("Row" + 3000 * part, ids.get(0));
            assertEquals("Row" + (3000 * part + 2999), ids.get(2999));
            seen.addAll(ids);
            total += out.size();
        }
        assertEquals(9000, total);
        assertEquals(9000, seen.size(), "the parts' row IDs are distinct");
    }

    @Test
    void aRangeRunningPastTheEndStopsAtTheLastImage() throws Exception {
        set(MnistReaderSettings.CFG_FIRST_ROW, 8990, MnistReaderSettings.CFG_MAX_ROWS, 3000);
        BufferedDataTable out = run();
        assertEquals(10, out.size());
        assertEquals("Row8999", ids(out).get(9));

        set(MnistReaderSettings.CFG_SOURCE, "builtin-test", MnistReaderSettings.CFG_FIRST_ROW, 995,
            MnistReaderSettings.CFG_MAX_ROWS, 0);
        assertEquals(List.of("Row995", "Row996", "Row997", "Row998", "Row999"), ids(run()), "0: to the end");
    }

    @Test
    void aFirstRowBeyondTheSourceIsAnErrorNamingTheCount(@TempDir Path dir) throws Exception {
        set(MnistReaderSettings.CFG_FIRST_ROW, 9000);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> node.configure());
        assertTrue(e.getMessage().contains("first_row") && e.getMessage().contains("only 9,000 images"),
            e.getMessage());

        Path images = dir.resolve("i-idx3-ubyte");
        IdxWriter.writeImages(images, new IdxImages(4, 2, 2, new byte[16]), false);
        set(MnistReaderSettings.CFG_SOURCE, "idx-files", MnistReaderSettings.CFG_IMAGES_FILE, images.toString(),
            MnistReaderSettings.CFG_FIRST_ROW, 7);
        e = assertThrows(InvalidSettingsException.class, () -> node.configure());
        assertTrue(e.getMessage().contains("only 4 images"), e.getMessage());
        assertThrows(InvalidSettingsException.class, this::run, "execute checks it too");

        set(MnistReaderSettings.CFG_FIRST_ROW, 3);
        assertEquals(List.of("Row3"), ids(run()), "the last image is a valid first row");
    }

    @Test
    void theLabelFilterKeepsOnlyThoseLabelsWithinTheRange() throws Exception {
        MnistDataset sample = BuiltInSample.load(BuiltInSample.Split.TEST, IdxReader.ALL);
        set(MnistReaderSettings.CFG_SOURCE, "builtin-test", MnistReaderSettings.CFG_FIRST_ROW, 100,
            MnistReaderSettings.CFG_MAX_ROWS, 200, MnistReaderSettings.CFG_LABELS, " 1 - 3, 7",
            MnistReaderSettings.CFG_PIXEL_OUTPUT, "none");
        BufferedDataTable out = run();
        List<String> expected = new ArrayList<>();
        for (int i = 100; i < 300; i++) {
            int l = sample.label(i);
            if (l == 1 || l == 2 || l == 3 || l == 7) {
                expected.add("Row" + i);
            }
        }
        assertTrue(expected.size() > 40 && expected.size() < 160, "a plausible share of 200: " + expected.size());
        assertEquals(expected, ids(out), "the range is chosen by position, then filtered; IDs are file indices");
        for (DataRow r : out) {
            assertTrue(Set.of(1, 2, 3, 7).contains(label(r)), r.getKey() + ": " + label(r));
        }
        assertNull(emptyToNull(node.warningMessage()));

        // everything but the nines, over the whole split
        set(MnistReaderSettings.CFG_FIRST_ROW, 0, MnistReaderSettings.CFG_MAX_ROWS, 0,
            MnistReaderSettings.CFG_LABELS, "0-8");
        BufferedDataTable noNines = run();
        long nines = java.util.Arrays.stream(sample.labels()).filter(l -> l == 9).count();
        assertTrue(nines > 50, "the test split has nines: " + nines);
        assertEquals(1000 - nines, noNines.size());
        for (DataRow r : noNines) {
            assertTrue(label(r) != 9);
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    @Test
    void aFilterKeepingNothingWarns(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("i-idx3-ubyte");
        Path labels = dir.resolve("l-idx1-ubyte");
        IdxWriter.writeImages(images, new IdxImages(4, 2, 2, new byte[16]), false);
        IdxWriter.writeLabels(labels, new int[] {3, 1, 4, 1}, false);
        set(MnistReaderSettings.CFG_SOURCE, "idx-files", MnistReaderSettings.CFG_IMAGES_FILE, images.toString(),
            MnistReaderSettings.CFG_LABELS_FILE, labels.toString(), MnistReaderSettings.CFG_LABELS, "1");
        assertEquals(List.of("Row1", "Row3"), ids(run()));

        set(MnistReaderSettings.CFG_LABELS, "9");
        assertEquals(0, run().size());
        assertTrue(node.warningMessage().contains("'9'"), node.warningMessage());
    }

    @Test
    void badFilterTextIsRejectedNamingTheSettingAndTheEntry() throws Exception {
        set(MnistReaderSettings.CFG_LABELS, "0-8");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> set(MnistReaderSettings.CFG_LABELS, "1-3,x7"));
        assertTrue(e.getMessage().contains("labels") && e.getMessage().contains("'x7'"), e.getMessage());
        assertEquals("0-8", node.settings().getString(MnistReaderSettings.CFG_LABELS), "the previous value stays");
        assertThrows(InvalidSettingsException.class, () -> set(MnistReaderSettings.CFG_LABELS, "300"));
        assertThrows(InvalidSettingsException.class, () -> set(MnistReaderSettings.CFG_FIRST_ROW, -1));
    }

    @Test
    void aFilterOnASourceWithoutLabelsIsAClearError(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("i-idx3-ubyte");
        IdxWriter.writeImages(images, new IdxImages(4, 2, 2, new byte[16]), false);
        set(MnistReaderSettings.CFG_SOURCE, "idx-files", MnistReaderSettings.CFG_IMAGES_FILE, images.toString(),
            MnistReaderSettings.CFG_LABELS, "0-8");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> node.configure());
        assertTrue(e.getMessage().contains("labels") && e.getMessage().contains("no labels"), e.getMessage());

        set(MnistReaderSettings.CFG_LABELS, "");
        assertEquals(4, run().size(), "without a filter the unlabelled images are read");
    }

    @Test
    void workflowsSavedWithoutTheNewSettingsLoadWithTheirDefaults() throws Exception {
        set(MnistReaderSettings.CFG_FIRST_ROW, 10, MnistReaderSettings.CFG_LABELS, "7");
        NodeSettings s = node.settings();
        NodeSettings old = OlderSettings.without(s,
            key -> key.equals(MnistReaderSettings.CFG_FIRST_ROW) || key.equals(MnistReaderSettings.CFG_LABELS));
        assertFalse(old.containsKey(MnistReaderSettings.CFG_FIRST_ROW));
        assertFalse(old.containsKey(MnistReaderSettings.CFG_LABELS));
        NodeHarness<MnistReaderNodeModel> fresh = NodeHarness.of(MnistReaderNodeFactory.class);
        try {
            fresh.loadSettings(old);
            assertEquals(0, fresh.settings().getInt(MnistReaderSettings.CFG_FIRST_ROW));
            assertEquals("", fresh.settings().getString(MnistReaderSettings.CFG_LABELS));
        } finally {
            fresh.close();
        }
        // and the round trip keeps set values
        NodeSettingsRO back = node.roundtripSettings();
        assertEquals(10, back.getInt(MnistReaderSettings.CFG_FIRST_ROW));
        assertEquals("7", back.getString(MnistReaderSettings.CFG_LABELS));
    }

    @Test
    void theDialogShowsTheNewSettings() throws Exception {
        set(MnistReaderSettings.CFG_FIRST_ROW, 3000, MnistReaderSettings.CFG_LABELS, "1-3,7");
        NodeSettings fromDialog = node.dialogRoundtrip();
        assertEquals(3000, fromDialog.getInt(MnistReaderSettings.CFG_FIRST_ROW));
        assertEquals("1-3,7", fromDialog.getString(MnistReaderSettings.CFG_LABELS));
    }
}
