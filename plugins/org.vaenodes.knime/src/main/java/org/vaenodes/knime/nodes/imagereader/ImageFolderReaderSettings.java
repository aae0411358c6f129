package org.vaenodes.knime.nodes.imagereader;

import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.engine.image.ImageFolder;
import org.vaenodes.engine.image.ImageLimits;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.image.ResizeMode;
import org.vaenodes.knime.util.ChoiceSetting;
import org.vaenodes.knime.data.ImageColour;
import org.vaenodes.knime.data.PixelOutput;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.SettingChoice;

/**
 * Every setting of the Image Folder Reader: key, default, bounds and validation in one place. The node model and
 * the dialog share these models, and each key is a plain entry in the node's settings, so flow variables can set it.
 */
final class ImageFolderReaderSettings extends NodeSettingsGroup {

    /** How an image is brought to the target size. */
    enum ResizeChoice implements SettingChoice {
        STRETCH(ResizeMode.STRETCH), CROP(ResizeMode.CROP);

        private final ResizeMode mode;

        ResizeChoice(ResizeMode mode) {
            this.mode = mode;
        }

        ResizeMode mode() {
            return mode;
        }
    }

    /** What happens to a file that cannot be read as an image. */
    enum BadFiles implements SettingChoice {
        SKIP, FAIL;
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

    final SettingsModelString folder = new SettingsModelString(CFG_FOLDER, "");
    final SettingsModelBoolean includeSubfolders = new SettingsModelBoolean(CFG_INCLUDE_SUBFOLDERS, true);
    final SettingsModelString fileFilter = new SettingsModelString(CFG_FILE_FILTER, ImageFolder.DEFAULT_PATTERNS);
    final SettingsModelIntegerBounded width = new SettingsModelIntegerBounded(CFG_WIDTH, 32, 1, MAX_SIDE);
    final SettingsModelIntegerBounded height = new SettingsModelIntegerBounded(CFG_HEIGHT, 32, 1, MAX_SIDE);
    final ChoiceSetting<ResizeChoice> resize = new ChoiceSetting<>(CFG_RESIZE, ResizeChoice.CROP);
    final ChoiceSetting<ImageColour> color = new ChoiceSetting<>(CFG_COLOR, ImageColour.RGB);
    final SettingsModelBoolean labelFromFolder = new SettingsModelBoolean(CFG_LABEL_FROM_FOLDER, true);
    final SettingsModelBoolean imageColumn = new SettingsModelBoolean(CFG_IMAGE_COLUMN, true);
    final ChoiceSetting<PixelOutput> pixelOutput = new ChoiceSetting<>(CFG_PIXEL_OUTPUT, PixelOutput.LIST);
    final SettingsModelBoolean pathColumn = new SettingsModelBoolean(CFG_PATH_COLUMN, true);
    final ChoiceSetting<BadFiles> badFiles = new ChoiceSetting<>(CFG_BAD_FILES, BadFiles.SKIP);
    final SettingsModelIntegerBounded maxMegapixels =
        new SettingsModelIntegerBounded(CFG_MAX_MEGAPIXELS, DEFAULT_MEGAPIXELS, 1, MAX_MEGAPIXELS);
    final SettingsModelIntegerBounded maxRows =
        new SettingsModelIntegerBounded(CFG_MAX_ROWS, MAX_ROWS_ALL, 0, Integer.MAX_VALUE);
    final SettingsModelString rowIdPrefix = new SettingsModelString(CFG_ROW_ID_PREFIX, "Row");

    ImageFolderReaderSettings() {
        super(ImageFolderReaderSettings::new);
    }

    @Override
    protected List<SettingsModel> models() {
        return List.of(folder, includeSubfolders, fileFilter, width, height, resize.model(), color.model(),
            labelFromFolder, imageColumn, pixelOutput.model(), pathColumn, badFiles.model(), maxMegapixels, maxRows,
            rowIdPrefix);
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
