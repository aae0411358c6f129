package org.vaenodes.knime.nodes.imagereader;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.DialogComponentString;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.engine.image.ImageFolder;
import org.vaenodes.engine.image.ImageLimits;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.image.ResizeMode;
import org.vaenodes.knime.data.ImageColour;
import org.vaenodes.knime.data.PixelOutput;
import org.vaenodes.knime.util.ChoiceSetting;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.Setting;
import org.vaenodes.knime.util.SettingChoice;

/**
 * Every setting of the Image Folder Reader: key, default, bounds and validation in one place, shared by model and
 * dialog; each key is a plain entry in the node's settings, so flow variables can set it.
 */
final class ImageFolderReaderSettings extends NodeSettingsGroup {

    /** How an image is brought to the target size. */
    enum ResizeChoice implements SettingChoice {
        STRETCH(ResizeMode.STRETCH, "Stretch to fit"), CROP(ResizeMode.CROP, "Crop to fill");

        private final ResizeMode mode;
        private final String label;

        ResizeChoice(ResizeMode mode, String label) {
            this.mode = mode;
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }

        ResizeMode mode() {
            return mode;
        }
    }

    /** What happens to a file that cannot be read as an image. */
    enum BadFiles implements SettingChoice {
        SKIP("Skip, with a warning"), FAIL("Fail, naming the file");

        private final String label;

        BadFiles(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    static final String CFG_FOLDER = "folder";
    static final String CFG_INCLUDE_SUBFOLDERS = "include_subfolders";
    static final String CFG_FILE_FILTER = "file_filter";
    static final String CFG_WIDTH = "width";
    static final String CFG_HEIGHT = "height";
    static final String CFG_RESIZE = "resize";
    static final String CFG_COLOR = "color";
    static final String CFG_LABEL_FROM_FOLDER = "label_from_folder";
    static final String CFG_IMAGE_COLUMN = "image_column";
    static final String CFG_PIXEL_OUTPUT = "pixel_output";
    static final String CFG_PATH_COLUMN = "path_column";
    static final String CFG_BAD_FILES = "bad_files";
    static final String CFG_MAX_MEGAPIXELS = "max_megapixels";
    static final String CFG_MAX_ROWS = "max_rows";
    static final String CFG_ROW_ID_PREFIX = "row_id_prefix";

    /** 0 means "all rows". */
    static final int MAX_ROWS_ALL = 0;

    /** The largest image side of the output (the engine's limit for images a model works on). */
    static final int MAX_SIDE = ImageShape.MAX_SIDE;

    static final int MAX_MEGAPIXELS = 1000;

    static final int DEFAULT_MEGAPIXELS = 50;

    private static final String FOLDER = "Folder";
    private static final String IMAGES = "Images";
    private static final String OUTPUT = "Output";
    private static final String UNREADABLE = "Unreadable files";

    final SettingsModelString folder = declare(Setting.folder(CFG_FOLDER, "vaenodes.images.folder")
        .label("Image folder").section(FOLDER)
        .description("The folder that holds the images: a local path, a <tt>file:</tt> URL or a KNIME URL such as "
            + "<tt>knime://knime.workflow/data/images</tt>. Required; a folder that does not exist stops the node "
            + "with a message naming it."));

    final SettingsModelBoolean includeSubfolders = declare(Setting.flag(CFG_INCLUDE_SUBFOLDERS, true)
        .label("Include sub-folders").section(FOLDER)
        .description("If checked (default) the files of all sub-folders are read too, at any depth; otherwise only "
            + "the files directly in the folder (which then have no label)."));

    final SettingsModelString fileFilter = declare(Setting.text(CFG_FILE_FILTER, ImageFolder.DEFAULT_PATTERNS, 30)
        .editor(s -> new DialogComponentString(s.model(), s.label(), true, 30)) // true: may not be empty
        .label("File filter").section(FOLDER)
        .description("Which files are read: one or more name patterns separated by <tt>;</tt>, where <tt>*</tt> "
            + "stands for any characters and <tt>?</tt> for one, upper and lower case alike (default "
            + "<tt>*.png;*.jpg;*.jpeg;*.bmp;*.gif</tt>). Hidden files and folders (names starting with a dot) and "
            + "symbolic links are left out. The filter only selects files; their format is detected from their "
            + "content. If no file matches, the node fails with a message naming the folder and the filter."));

    final SettingsModelIntegerBounded width = declare(Setting.integer(CFG_WIDTH, 32, 1, MAX_SIDE, 1)
        .label("Width").section(IMAGES)
        .description("Width in pixels of every output image, 1 to 4096 (default 32)."));

    final SettingsModelIntegerBounded height = declare(Setting.integer(CFG_HEIGHT, 32, 1, MAX_SIDE, 1)
        .label("Height").section(IMAGES)
        .description("Height in pixels of every output image, 1 to 4096 (default 32)."));

    final ChoiceSetting<ResizeChoice> resize = declare(ChoiceSetting.of(CFG_RESIZE, ResizeChoice.CROP)
        .label("Resize").section(IMAGES)
        .description("How an image is brought to width × height: <i>Crop to fill</i> (<tt>crop</tt>, default): "
            + "first cuts the largest centred part with the target's aspect ratio, then resizes it, so nothing is "
            + "distorted but the edges of the longer side are lost; <i>Stretch to fit</i> (<tt>stretch</tt>): "
            + "resizes the whole image, changing its aspect ratio if it differs. Resizing averages the covered "
            + "pixels (area averaging) when an image is shrunk and interpolates bilinearly when it is enlarged. An "
            + "image that already has the target size is not changed."));

    final ChoiceSetting<ImageColour> color = declare(ChoiceSetting.of(CFG_COLOR, ImageColour.RGB)
        .label("Colour").section(IMAGES)
        .description("<i>RGB (three values per pixel)</i> (<tt>rgb</tt>, default): red, green and blue; "
            + "<i>Grey (one value per pixel)</i> (<tt>grey</tt>): 0.299 R + 0.587 G + 0.114 B. Grey images read "
            + "as RGB have three equal values per pixel."));

    final SettingsModelBoolean labelFromFolder = declare(Setting.flag(CFG_LABEL_FROM_FOLDER, true)
        .label("Label from sub-folder name").section(OUTPUT)
        .description("Adds the string column <i>Label</i> (default: on): the name of the first sub-folder below "
            + "the chosen folder, a missing value for files directly in the folder. Use it as the label column of "
            + "a conditional VAE."));

    final SettingsModelBoolean imageColumn = declare(Setting.flag(CFG_IMAGE_COLUMN, true)
        .label("Add image column (PNG)").section(OUTPUT)
        .description("Adds the column <i>Image</i> with each image, resized and in the chosen colour, as a PNG "
            + "(default: on)."));

    final ChoiceSetting<PixelOutput> pixelOutput = declare(ChoiceSetting.of(CFG_PIXEL_OUTPUT, PixelOutput.LIST)
        .label("Pixel output").section(OUTPUT)
        .description("<i>One list column</i> (<tt>list</tt>, default): one column <i>Pixels</i> holding a list of "
            + "doubles per image; <i>One column per value</i> (<tt>columns</tt>): one double column per value "
            + "(<i>pixel_0</i>, <i>pixel_1</i>, ...; for RGB three per pixel); <i>None</i> (<tt>none</tt>): no "
            + "pixel values (e.g. only to look at the images). Either the pixels or the image column must be "
            + "output."));

    final SettingsModelBoolean pathColumn = declare(Setting.flag(CFG_PATH_COLUMN, true)
        .label("Add path column").section(OUTPUT)
        .description("Adds the string column <i>Path</i> (default: on): the file's path relative to the chosen "
            + "folder, with <tt>/</tt> between folder names on every operating system."));

    final ChoiceSetting<BadFiles> badFiles = declare(ChoiceSetting.of(CFG_BAD_FILES, BadFiles.SKIP)
        .label("Files that cannot be read").section(UNREADABLE)
        .description("What happens to a file that matches the filter but cannot be read as an image (an empty "
            + "file, a file that is not an image, an unsupported kind of image, one larger than allowed, a corrupt "
            + "or truncated file, a file that cannot be opened): <i>Skip, with a warning</i> (<tt>skip</tt>, "
            + "default): leaves it out, logs a warning naming it and the problem, and ends with a node warning that "
            + "counts the skipped files and names the first five with their reason; <i>Fail, naming the file</i> "
            + "(<tt>fail</tt>): stops the node at the first such file with a message naming the file and the "
            + "problem. If no file at all can be read the node fails in either mode, as there is nothing to "
            + "output."));

    final SettingsModelIntegerBounded maxMegapixels = declare(Setting.integer(CFG_MAX_MEGAPIXELS,
        DEFAULT_MEGAPIXELS, 1, MAX_MEGAPIXELS, 10)
        .label("Largest image (megapixels)").section(UNREADABLE)
        .description("The largest image the node decodes, in millions of pixels (width × height as stored in the "
            + "file), 1 to 1000 (default 50). It is checked from the file's header before decoding; a larger image "
            + "counts as unreadable (see above). Files larger than 256 MB are refused too."));

    final SettingsModelIntegerBounded maxRows = declare(Setting.integer(CFG_MAX_ROWS, MAX_ROWS_ALL, 0,
        Integer.MAX_VALUE, 1000)
        .label("Maximum rows").section(FOLDER)
        .description("Read at most this many images (files are read in the order of their paths below the "
            + "folder, sorted, so every run gives the same rows); 0 (default) reads all of them. Skipped files do "
            + "not count."));

    final SettingsModelString rowIdPrefix = declare(Setting.text(CFG_ROW_ID_PREFIX, "Row", 15)
        .label("Row ID prefix").section(OUTPUT)
        .description("Row IDs are this prefix followed by the number of the row, counted from 0 over the rows "
            + "written (default <tt>Row</tt>: Row0, Row1, ...; skipped files take no number)."));

    ImageFolderReaderSettings() {
        super(ImageFolderReaderSettings::new);
    }

    /** Cross-field rules; called by validate and again at configure time. */
    @Override
    public void checkConsistent() throws InvalidSettingsException {
        resize.value();
        color.value();
        badFiles.value();
        if (folder.getStringValue().isBlank()) {
            throw new InvalidSettingsException("No folder is set (" + CFG_FOLDER
                + "): choose the folder that holds the images.");
        }
        if (fileFilter.getStringValue().isBlank()) {
            throw new InvalidSettingsException("The file filter (" + CFG_FILE_FILTER + ") is empty: give one or more "
                + "patterns separated by ';', e.g. " + ImageFolder.DEFAULT_PATTERNS);
        }
        if (pixelOutput.value() == PixelOutput.NONE && !imageColumn.getBooleanValue()) {
            throw new InvalidSettingsException(
                "Nothing to output: pixel output is 'none' and the image column is switched off.");
        }
    }

    /** The shape of every output image: the target size and the chosen colour. */
    ImageShape shape() throws InvalidSettingsException {
        return new ImageShape(width.getIntValue(), height.getIntValue(), color.value().mode().channels());
    }

    /** The decoder's limits: the megapixel setting, the engine's default file size limit. */
    ImageLimits limits() {
        return new ImageLimits(maxMegapixels.getIntValue() * 1_000_000L, ImageLimits.DEFAULT.maxFileBytes());
    }
}
