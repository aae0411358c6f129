package org.vaenodes.knime.nodes.imagereader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.knime.data.ImageColumns;
import org.vaenodes.shim.harness.NodeHarness;
import org.vaenodes.shim.harness.ShimAccess;

/**
 * The Image Folder Reader through the shim's node harness: a folder of small PNG, JPEG, BMP and GIF files in
 * sub-folders (labels), read with the different settings; bad files skipped or failing; settings and dialog.
 */
class ImageFolderReaderNodeModelTest {

    private static final Color RED = new Color(255, 0, 0);
    private static final Color GREEN = new Color(0, 255, 0);
    private static final Color BLUE = new Color(0, 0, 255);

    @TempDir
    Path dir;

    private NodeHarness<ImageFolderReaderNodeModel> node;

    /** Per-file reasons logged while a test runs (at INFO: the node's one warning is the WARN). */
    private final List<String> skipLog = new CopyOnWriteArrayList<>();

    private final BiConsumer<String, String> warningListener = (level, message) -> {
        if ("INFO".equals(level) && message.startsWith("Skipped ")) {
            skipLog.add(message);
        }
    };

    @BeforeEach
    void create() {
        node = NodeHarness.of(ImageFolderReaderNodeFactory.class);
        ShimAccess.addLogListener(warningListener);
    }

    @AfterEach
    void noLoggedErrors() {
        ShimAccess.removeLogListener(warningListener);
        assertEquals(List.of(), node.loggedErrors(), "the node logged errors or coding problems");
        node.close();
    }

    private void set(Object... keyValues) throws InvalidSettingsException {
        node.applySettings(keyValues);
    }

    private BufferedDataTable run() throws Exception {
        return (BufferedDataTable) node.execute()[0];
    }

    // ---- files ---------------------------------------------------------------------------------------------------

    /** An RGB image of one colour. */
    private static BufferedImage solid(int width, int height, Color color) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    /** Writes the image in the format named by the file's extension (png, jpg, bmp, gif). */
    private static Path write(Path file, BufferedImage img) throws IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        String format = name.substring(name.lastIndexOf('.') + 1).replace("jpg", "jpeg");
        assertTrue(ImageIO.write(img, format, file.toFile()), "no ImageIO writer for " + format);
        return file;
    }

    /**
     * The standard folder: cats/red.png, cats/blue.jpg, dogs/green.bmp, dogs/deep/white.gif (label "dogs"), red.png
     * directly in the folder (no label) and a text file the default filter does not match.
     */
    private Path images() throws IOException {
        Path root = dir.resolve("images");
        write(root.resolve("cats/red.png"), solid(8, 8, RED));
        write(root.resolve("cats/blue.jpg"), solid(8, 8, BLUE));
        write(root.resolve("dogs/green.bmp"), solid(8, 8, GREEN));
        write(root.resolve("dogs/deep/white.gif"), solid(4, 4, Color.WHITE));
        write(root.resolve("top.png"), solid(6, 6, RED));
        Files.writeString(root.resolve("notes.txt"), "not an image");
        return root;
    }

    /** Rows by their Path cell. */
    private static Map<String, DataRow> byPath(BufferedDataTable table) {
        int path = table.getDataTableSpec().findColumnIndex(ImageTableLayout.PATH);
        Map<String, DataRow> rows = new LinkedHashMap<>();
        for (DataRow row : table) {
            rows.put(((StringValue) row.getCell(path)).getStringValue(), row);
        }
        return rows;
    }

    private static double[] pixels(DataRow row, int column) {
        ListDataValue list = (ListDataValue) row.getCell(column);
        double[] values = new double[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = ((DoubleCell) list.get(i)).getDoubleValue();
        }
        return values;
    }

    private static void assertPixels(double[] expectedPerPixel, double[] values, double tolerance, String what) {
        assertEquals(0, values.length % expectedPerPixel.length, what);
        for (int i = 0; i < values.length; i++) {
            assertEquals(expectedPerPixel[i % expectedPerPixel.length], values[i], tolerance, what + ", value " + i);
        }
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    @Test
    void readsAFolderWithLabelsImagesPixelsAndPaths() throws Exception {
        Path root = images();
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString(), ImageFolderReaderSettings.CFG_WIDTH, 4,
            ImageFolderReaderSettings.CFG_HEIGHT, 4);
        DataTableSpec promised = (DataTableSpec) node.configure()[0];
        assertArrayEquals(new String[] {"Label", "Image", "Pixels", "Path"}, promised.getColumnNames());
        assertEquals(StringCell.TYPE, promised.getColumnSpec("Label").getType());
        assertEquals(PNGImageContent.TYPE, promised.getColumnSpec("Image").getType());
        assertEquals(ListCell.getCollectionType(DoubleCell.TYPE), promised.getColumnSpec("Pixels").getType());
        assertEquals(StringCell.TYPE, promised.getColumnSpec("Path").getType());
        assertEquals(48, promised.getColumnSpec("Pixels").getElementNames().size(), "the list declares its length");
        assertEquals(new ImageShape(4, 4, 3), ImageColumns.shapeOf(promised.getColumnSpec("Pixels"), 48),
            "the list declares the image shape");

        BufferedDataTable out = run();
        assertEquals(promised, out.getDataTableSpec(), "execute delivers the spec configure promised");
        assertEquals(5, out.size());
        assertNull(node.warningMessage());

        Map<String, DataRow> rows = byPath(out);
        assertEquals(List.of("cats/blue.jpg", "cats/red.png", "dogs/deep/white.gif", "dogs/green.bmp", "top.png"),
            rows.keySet().stream().sorted().toList());
        Map<String, String> labels = new LinkedHashMap<>();
        rows.forEach((path, row) -> labels.put(path, row.getCell(0).isMissing() ? null
            : ((StringValue) row.getCell(0)).getStringValue()));
        assertEquals("cats", labels.get("cats/red.png"));
        assertEquals("cats", labels.get("cats/blue.jpg"));
        assertEquals("dogs", labels.get("dogs/green.bmp"));
        assertEquals("dogs", labels.get("dogs/deep/white.gif"), "the first sub-folder is the label");
        assertNull(labels.get("top.png"), "a file directly in the folder has a missing label");

        for (DataRow row : out) {
            assertEquals(new Dimension(4, 4), ((PNGImageValue) row.getCell(1)).getImageContent().getPreferredSize(),
                "the image cell is a PNG of the target size");
            assertEquals(48, ((ListDataValue) row.getCell(2)).size());
        }
        assertPixels(new double[] {1, 0, 0}, pixels(rows.get("cats/red.png"), 2), 1e-6, "red PNG shrunk to 4x4");
        assertPixels(new double[] {1, 0, 0}, pixels(rows.get("top.png"), 2), 1e-6, "red PNG 6x6 → 4x4");
        assertPixels(new double[] {0, 1, 0}, pixels(rows.get("dogs/green.bmp"), 2), 1e-6, "green BMP");
        assertPixels(new double[] {1, 1, 1}, pixels(rows.get("dogs/deep/white.gif"), 2), 1e-6, "white GIF, kept");
        assertPixels(new double[] {0, 0, 1}, pixels(rows.get("cats/blue.jpg"), 2), 0.05, "blue JPEG (lossy)");

        // the image cell shows the same pixels
        BufferedImage png = ImageIO.read(new java.io.ByteArrayInputStream(((PNGImageContent) ((PNGImageValue) rows
            .get("cats/red.png").getCell(1)).getImageContent()).getByteArray()));
        assertEquals(0xff0000, png.getRGB(2, 1) & 0xffffff);

        List<String> ids = new ArrayList<>();
        out.forEach(r -> ids.add(r.getKey().getString()));
        assertEquals(List.of("Row0", "Row1", "Row2", "Row3", "Row4"), ids, "row IDs count the rows written");
    }

    @Test
    void greyModeUsesTheLumaFormulaAndPixelColumnsCarryTheShape() throws Exception {
        Path root = images();
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString(), ImageFolderReaderSettings.CFG_WIDTH, 4,
            ImageFolderReaderSettings.CFG_HEIGHT, 4, ImageFolderReaderSettings.CFG_COLOR, "grey",
            ImageFolderReaderSettings.CFG_PIXEL_OUTPUT, "columns", ImageFolderReaderSettings.CFG_IMAGE_COLUMN, false,
            ImageFolderReaderSettings.CFG_LABEL_FROM_FOLDER, false);
        DataTableSpec promised = (DataTableSpec) node.configure()[0];
        assertEquals(16 + 1, promised.getNumColumns());
        assertEquals("pixel_0", promised.getColumnSpec(0).getName());
        assertEquals("pixel_15", promised.getColumnSpec(15).getName());
        assertEquals("Path", promised.getColumnSpec(16).getName());
        assertEquals(ImageShape.gray(4, 4), ImageColumns.shapeOf(promised.getColumnSpec(7), 16));

        BufferedDataTable out = run();
        assertEquals(promised, out.getDataTableSpec());
        Map<String, DataRow> rows = byPath(out);
        for (int c = 0; c < 16; c++) {
            assertEquals(0.299, ((DoubleCell) rows.get("cats/red.png").getCell(c)).getDoubleValue(), 1e-4);
            assertEquals(0.587, ((DoubleCell) rows.get("dogs/green.bmp").getCell(c)).getDoubleValue(), 1e-4);
            assertEquals(1.0, ((DoubleCell) rows.get("dogs/deep/white.gif").getCell(c)).getDoubleValue(), 1e-4);
        }
    }

    @Test
    void greyImageCellIsAPngOfTheTargetSize() throws Exception {
        Path root = images();
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString(), ImageFolderReaderSettings.CFG_WIDTH, 5,
            ImageFolderReaderSettings.CFG_HEIGHT, 3, ImageFolderReaderSettings.CFG_COLOR, "grey",
            ImageFolderReaderSettings.CFG_PIXEL_OUTPUT, "none", ImageFolderReaderSettings.CFG_PATH_COLUMN, false);
        BufferedDataTable out = run();
        assertArrayEquals(new String[] {"Label", "Image"}, out.getDataTableSpec().getColumnNames());
        for (DataRow row : out) {
            assertEquals(new Dimension(5, 3), ((PNGImageValue) row.getCell(1)).getImageContent().getPreferredSize());
        }
    }

    @Test
    void filterAndNonRecursiveMode() throws Exception {
        Path root = images();
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString(), ImageFolderReaderSettings.CFG_FILE_FILTER,
            "*.png");
        assertEquals(List.of("cats/red.png", "top.png"), byPath(run()).keySet().stream().sorted().toList());

        set(ImageFolderReaderSettings.CFG_FILE_FILTER, "*.png;*.bmp");
        assertEquals(List.of("cats/red.png", "dogs/green.bmp", "top.png"),
            byPath(run()).keySet().stream().sorted().toList());

        set(ImageFolderReaderSettings.CFG_FILE_FILTER, "*.png;*.jpg;*.jpeg;*.bmp;*.gif",
            ImageFolderReaderSettings.CFG_INCLUDE_SUBFOLDERS, false);
        BufferedDataTable top = run();
        assertEquals(List.of("top.png"), List.copyOf(byPath(top).keySet()));
        assertTrue(top.iterator().next().getCell(0).isMissing(), "no label for a file directly in the folder");
    }

    @Test
    void cropKeepsTheCentreAndStretchKeepsEverything() throws Exception {
        // 12 x 4: red, green and blue thirds
        BufferedImage bands = new BufferedImage(12, 4, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = bands.createGraphics();
        g.setColor(RED);
        g.fillRect(0, 0, 4, 4);
        g.setColor(GREEN);
        g.fillRect(4, 0, 4, 4);
        g.setColor(BLUE);
        g.fillRect(8, 0, 4, 4);
        g.dispose();
        Path root = dir.resolve("bands");
        write(root.resolve("bands.png"), bands);
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString(), ImageFolderReaderSettings.CFG_WIDTH, 4,
            ImageFolderReaderSettings.CFG_HEIGHT, 4);
        assertEquals("crop", node.settings().getString(ImageFolderReaderSettings.CFG_RESIZE), "crop is the default");
        double[] cropped = pixels(run().iterator().next(), 2);
        assertPixels(new double[] {0, 1, 0}, cropped, 1e-6, "the centre 4 x 4 is green");

        set(ImageFolderReaderSettings.CFG_RESIZE, "stretch");
        double[] stretched = pixels(run().iterator().next(), 2);
        assertArrayEquals(new double[] {1, 0, 0}, Arrays.copyOfRange(stretched, 0, 3), 1e-6, "left column red");
        assertArrayEquals(new double[] {0, 0, 1}, Arrays.copyOfRange(stretched, 9, 12), 1e-6, "right column blue");
    }

    @Test
    void maxRowsAndRowIdPrefix() throws Exception {
        Path root = images();
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString(), ImageFolderReaderSettings.CFG_MAX_ROWS, 2,
            ImageFolderReaderSettings.CFG_ROW_ID_PREFIX, "img-");
        BufferedDataTable out = run();
        assertEquals(2, out.size());
        List<String> ids = new ArrayList<>();
        out.forEach(r -> ids.add(r.getKey().getString()));
        assertEquals(List.of("img-0", "img-1"), ids);
    }

    @Test
    void progressNamesEachFile() throws Exception {
        Path root = images();
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString());
        List<String> messages = new CopyOnWriteArrayList<>();
        BufferedDataTable out = (BufferedDataTable) node.execute(
            ShimAccess.newExecutionContext(() -> false, (p, m) -> messages.add(String.valueOf(m))))[0];
        List<String> expected = new ArrayList<>();
        int i = 1;
        for (String path : byPath(out).keySet()) {
            expected.add("Reading file " + i++ + " of 5: " + path);
        }
        assertEquals(expected, messages.stream().filter(m -> m.startsWith("Reading file ")).distinct().toList());
    }

    // ---- bad files -----------------------------------------------------------------------------------------------

    /** The standard folder plus an empty file, a text file named .png and a PNG cut in half. */
    private Path imagesWithBadFiles() throws IOException {
        Path root = images();
        Files.write(root.resolve("cats/empty.png"), new byte[0]);
        Files.writeString(root.resolve("dogs/text.png"), "this is not a PNG file\n", StandardCharsets.US_ASCII);
        BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(noise, "png", png);
        byte[] bytes = png.toByteArray();
        Files.write(root.resolve("truncated.png"), Arrays.copyOf(bytes, bytes.length / 2));
        return root;
    }

    @Test
    void skipModeLeavesBadFilesOutAndNamesThem() throws Exception {
        Path root = imagesWithBadFiles();
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString(), ImageFolderReaderSettings.CFG_WIDTH, 4,
            ImageFolderReaderSettings.CFG_HEIGHT, 4);
        assertEquals("skip", node.settings().getString(ImageFolderReaderSettings.CFG_BAD_FILES), "skip is the default");
        BufferedDataTable out = run();
        assertEquals(List.of("cats/blue.jpg", "cats/red.png", "dogs/deep/white.gif", "dogs/green.bmp", "top.png"),
            byPath(out).keySet().stream().sorted().toList(), "every good file is read");
        List<String> ids = new ArrayList<>();
        out.forEach(r -> ids.add(r.getKey().getString()));
        assertEquals(List.of("Row0", "Row1", "Row2", "Row3", "Row4"), ids, "skipped files take no row number");

        String warning = node.warningMessage();
        assertTrue(warning != null && warning.startsWith("Skipped 3 of 8 files: "), warning);
        for (String name : List.of("cats/empty.png", "dogs/text.png", "truncated.png")) {
            assertTrue(warning.contains(name + " ("), "the warning names " + name + ": " + warning);
            assertTrue(skipLog.stream().anyMatch(w -> w.contains(name)), "the log names " + name + ": " + skipLog);
        }
        assertTrue(warning.contains("cats/empty.png (empty file)"), warning);
        assertFalse(warning.contains("more"), warning);
    }

    @Test
    void theSkipWarningNamesTheFirstFiveAndCountsTheRest() {
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            skipped.add("f" + i + ".png (empty file)");
        }
        assertEquals("Skipped 8 of 20 files: f0.png (empty file), f1.png (empty file), f2.png (empty file), "
            + "f3.png (empty file), f4.png (empty file) and 3 more",
            ImageFolderReaderNodeModel.skipWarning(skipped, 8, 20));
        assertEquals("Skipped 1 of 4 files: a.png (truncated)",
            ImageFolderReaderNodeModel.skipWarning(List.of("a.png (truncated)"), 1, 4));
    }

    @Test
    void failModeStopsAtABadFileAndNamesIt() throws Exception {
        Path root = images();
        Files.write(root.resolve("cats/empty.png"), new byte[0]);
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString(), ImageFolderReaderSettings.CFG_BAD_FILES, "fail");
        Exception e = assertThrows(Exception.class, this::run);
        assertFalse(e instanceof InvalidSettingsException, e.toString());
        assertTrue(e.getMessage().contains("empty.png"), "the message names the file: " + e.getMessage());
    }

    @Test
    void imagesOverTheMegapixelLimitAreRefused() throws Exception {
        Path root = dir.resolve("large");
        write(root.resolve("small.png"), solid(10, 10, RED));
        write(root.resolve("large.png"), solid(1100, 1000, RED)); // 1.1 million pixels, more than 2^20 too
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString(), ImageFolderReaderSettings.CFG_MAX_MEGAPIXELS, 1);
        BufferedDataTable out = run();
        assertEquals(List.of("small.png"), List.copyOf(byPath(out).keySet()));
        assertTrue(node.warningMessage().contains("large.png (too large)"), node.warningMessage());

        set(ImageFolderReaderSettings.CFG_MAX_MEGAPIXELS, 2);
        assertEquals(2, run().size());
        assertNull(node.warningMessage());
    }

    @Test
    void onlyBadFilesIsAnErrorNamingTheCountAndTheFirstProblem() throws Exception {
        Path root = dir.resolve("bad");
        Files.createDirectories(root);
        Files.write(root.resolve("a.png"), new byte[0]);
        Files.writeString(root.resolve("b.jpg"), "not a JPEG");
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString());
        Exception e = assertThrows(Exception.class, this::run);
        assertTrue(e.getMessage().contains("None of the 2"), e.getMessage());
        assertTrue(e.getMessage().contains("a.png") || e.getMessage().contains("b.jpg"), e.getMessage());
    }

    // ---- folder and settings errors ------------------------------------------------------------------------------

    @Test
    void noMatchingFileNamesTheFolderAndTheFilter() throws Exception {
        Path root = images();
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString(), ImageFolderReaderSettings.CFG_FILE_FILTER,
            "*.tiff");
        IOException e = assertThrows(IOException.class, this::run);
        assertTrue(e.getMessage().contains(root.toString()) && e.getMessage().contains("*.tiff"), e.getMessage());
    }

    @Test
    void missingFolderIsAnErrorNamingIt() throws Exception {
        Path missing = dir.resolve("no-such-folder");
        set(ImageFolderReaderSettings.CFG_FOLDER, missing.toString());
        assertArrayEquals(new String[] {"Label", "Image", "Pixels", "Path"},
            ((DataTableSpec) node.configure()[0]).getColumnNames(), "configure does not look at the folder");
        IOException e = assertThrows(IOException.class, this::run);
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
            e.getMessage());

        Path file = write(dir.resolve("one.png"), solid(2, 2, RED));
        set(ImageFolderReaderSettings.CFG_FOLDER, file.toString());
        IOException notAFolder = assertThrows(IOException.class, this::run);
        assertTrue(notAFolder.getMessage().contains("not a folder"), notAFolder.getMessage());
    }

    @Test
    void folderMayBeAFileUrlOrAWorkflowRelativeUrl() throws Exception {
        Path root = images();
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toUri().toString());
        assertEquals(5, run().size());

        Path old = ShimAccess.getWorkflowDirectory();
        ShimAccess.setWorkflowDirectory(dir);
        try {
            set(ImageFolderReaderSettings.CFG_FOLDER, "knime://knime.workflow/images");
            assertEquals(5, run().size());
        } finally {
            ShimAccess.setWorkflowDirectory(old);
        }
    }

    @Test
    void blankFolderIsAClearConfigureError() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> node.configure());
        assertTrue(e.getMessage().contains("No folder is set (folder)"), e.getMessage());
    }

    @Test
    void settingsSurviveTheXmlRoundtripAndBadValuesAreRejected() throws Exception {
        set(ImageFolderReaderSettings.CFG_FOLDER, dir.toString(), ImageFolderReaderSettings.CFG_WIDTH, 28,
            ImageFolderReaderSettings.CFG_HEIGHT, 20, ImageFolderReaderSettings.CFG_COLOR, "grey",
            ImageFolderReaderSettings.CFG_RESIZE, "stretch", ImageFolderReaderSettings.CFG_BAD_FILES, "fail",
            ImageFolderReaderSettings.CFG_PIXEL_OUTPUT, "columns", ImageFolderReaderSettings.CFG_MAX_MEGAPIXELS, 7);
        NodeSettingsRO back = node.roundtripSettings();
        assertEquals(dir.toString(), back.getString(ImageFolderReaderSettings.CFG_FOLDER));
        assertEquals(28, back.getInt(ImageFolderReaderSettings.CFG_WIDTH));
        assertEquals(20, back.getInt(ImageFolderReaderSettings.CFG_HEIGHT));
        assertEquals("grey", back.getString(ImageFolderReaderSettings.CFG_COLOR));
        assertEquals("stretch", back.getString(ImageFolderReaderSettings.CFG_RESIZE));
        assertEquals("fail", back.getString(ImageFolderReaderSettings.CFG_BAD_FILES));
        assertEquals(7, back.getInt(ImageFolderReaderSettings.CFG_MAX_MEGAPIXELS));
        // the settings (flow variables) decide the configure-time spec: 28 x 20 grey, one column per pixel
        DataTableSpec spec = (DataTableSpec) node.configure()[0];
        assertEquals(1 + 1 + 560 + 1, spec.getNumColumns(), "Label, Image, 560 pixels, Path");
        assertEquals(new ImageShape(28, 20, 1), ImageColumns.shapeOf(spec.getColumnSpec("pixel_0"), 560));

        assertThrows(InvalidSettingsException.class, () -> set(ImageFolderReaderSettings.CFG_WIDTH, 0));
        assertThrows(InvalidSettingsException.class, () -> set(ImageFolderReaderSettings.CFG_HEIGHT, 4097));
        assertThrows(InvalidSettingsException.class, () -> set(ImageFolderReaderSettings.CFG_MAX_MEGAPIXELS, 0));
        assertThrows(InvalidSettingsException.class, () -> set(ImageFolderReaderSettings.CFG_MAX_MEGAPIXELS, 1001));
        assertThrows(InvalidSettingsException.class, () -> set(ImageFolderReaderSettings.CFG_MAX_ROWS, -1));
        InvalidSettingsException colour =
            assertThrows(InvalidSettingsException.class, () -> set(ImageFolderReaderSettings.CFG_COLOR, "cmyk"));
        assertTrue(colour.getMessage().contains("grey, rgb"), colour.getMessage());
        assertThrows(InvalidSettingsException.class, () -> set(ImageFolderReaderSettings.CFG_RESIZE, "fit"));
        assertThrows(InvalidSettingsException.class, () -> set(ImageFolderReaderSettings.CFG_BAD_FILES, "ignore"));
        assertThrows(InvalidSettingsException.class, () -> set(ImageFolderReaderSettings.CFG_FOLDER, " "));
        assertThrows(InvalidSettingsException.class, () -> set(ImageFolderReaderSettings.CFG_FILE_FILTER, ""));
        InvalidSettingsException nothing = assertThrows(InvalidSettingsException.class,
            () -> set(ImageFolderReaderSettings.CFG_PIXEL_OUTPUT, "none", ImageFolderReaderSettings.CFG_IMAGE_COLUMN,
                false));
        assertTrue(nothing.getMessage().contains("Nothing to output"), nothing.getMessage());
        // a rejected setting leaves the previous ones in place
        assertEquals(28, node.settings().getInt(ImageFolderReaderSettings.CFG_WIDTH));
    }

    @Test
    void defaults() {
        NodeSettings s = node.settings();
        assertEquals(List.of("folder", "include_subfolders", "file_filter", "width", "height", "resize", "color",
            "label_from_folder", "image_column", "pixel_output", "path_column", "bad_files", "max_megapixels",
            "max_rows", "row_id_prefix"), keys(s));
        assertEquals("*.png;*.jpg;*.jpeg;*.bmp;*.gif",
            s.getString(ImageFolderReaderSettings.CFG_FILE_FILTER, null));
        assertEquals(32, s.getInt(ImageFolderReaderSettings.CFG_WIDTH, -1));
        assertEquals(32, s.getInt(ImageFolderReaderSettings.CFG_HEIGHT, -1));
        assertEquals("crop", s.getString(ImageFolderReaderSettings.CFG_RESIZE, null));
        assertEquals("rgb", s.getString(ImageFolderReaderSettings.CFG_COLOR, null));
        assertEquals("list", s.getString(ImageFolderReaderSettings.CFG_PIXEL_OUTPUT, null));
        assertEquals("skip", s.getString(ImageFolderReaderSettings.CFG_BAD_FILES, null));
        assertEquals(50, s.getInt(ImageFolderReaderSettings.CFG_MAX_MEGAPIXELS, -1));
        assertEquals(0, s.getInt(ImageFolderReaderSettings.CFG_MAX_ROWS, -1));
        assertEquals("Row", s.getString(ImageFolderReaderSettings.CFG_ROW_ID_PREFIX, null));
        assertTrue(s.getBoolean(ImageFolderReaderSettings.CFG_INCLUDE_SUBFOLDERS, false));
        assertTrue(s.getBoolean(ImageFolderReaderSettings.CFG_LABEL_FROM_FOLDER, false));
        assertTrue(s.getBoolean(ImageFolderReaderSettings.CFG_IMAGE_COLUMN, false));
        assertTrue(s.getBoolean(ImageFolderReaderSettings.CFG_PATH_COLUMN, false));
    }

    private static List<String> keys(NodeSettings s) {
        List<String> keys = new ArrayList<>();
        for (String key : s) {
            if (!key.endsWith("_Internals")) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Test
    void dialogShowsAndSavesTheModelSettings() throws Exception {
        set(ImageFolderReaderSettings.CFG_FOLDER, dir.toString(), ImageFolderReaderSettings.CFG_WIDTH, 64,
            ImageFolderReaderSettings.CFG_COLOR, "grey", ImageFolderReaderSettings.CFG_INCLUDE_SUBFOLDERS, false);
        NodeSettings fromDialog = node.dialogRoundtrip();
        assertEquals(dir.toString(), fromDialog.getString(ImageFolderReaderSettings.CFG_FOLDER));
        assertEquals(64, fromDialog.getInt(ImageFolderReaderSettings.CFG_WIDTH));
        assertEquals("grey", fromDialog.getString(ImageFolderReaderSettings.CFG_COLOR));
        assertFalse(fromDialog.getBoolean(ImageFolderReaderSettings.CFG_INCLUDE_SUBFOLDERS));
        assertEquals(keys(node.settings()).stream().sorted().toList(), keys(fromDialog).stream().sorted().toList(),
            "the dialog saves every setting");
    }

    @Test
    void cancelStopsExecution() throws Exception {
        Path root = images();
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString());
        assertThrows(CanceledExecutionException.class,
            () -> node.execute(ShimAccess.newExecutionContext(() -> true, (p, m) -> { })));
    }

    @Test
    void missingLabelCellIsAMissingCell() throws Exception {
        Path root = dir.resolve("flat");
        write(root.resolve("a.png"), solid(3, 3, GREEN));
        set(ImageFolderReaderSettings.CFG_FOLDER, root.toString());
        DataCell label = run().iterator().next().getCell(0);
        assertTrue(label.isMissing());
    }
}
