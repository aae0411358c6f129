package org.vaenodes.knime.nodes.reader;

import java.util.List;
import java.util.Map;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.knime.data.PixelOutput;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.ChoiceSetting;
import org.vaenodes.knime.util.SettingChoice;

/**
 * Every setting of the MNIST Reader: key, default, bounds and validation in one place. The node model and the
 * dialog share these models, and each key is a plain entry in the node's settings, so flow variables can set it.
 */
final class MnistReaderSettings extends NodeSettingsGroup {

    /** Where the digits come from; the id is what flow variables set. */
    enum Source implements SettingChoice {
        BUILTIN_TRAIN, BUILTIN_TEST, IDX_FILES,
        DOWNLOAD_MNIST_TRAIN, DOWNLOAD_MNIST_TEST,
        DOWNLOAD_FASHION_MNIST_TRAIN, DOWNLOAD_FASHION_MNIST_TEST;
    }

    static final String CFG_SOURCE = "source";
    static final String CFG_IMAGES_FILE = "images_file";
    static final String CFG_LABELS_FILE = "labels_file";
    static final String CFG_CACHE_DIR = "cache_dir";
    static final String CFG_MAX_ROWS = "max_rows";
    static final String CFG_PIXEL_OUTPUT = "pixel_output";
    static final String CFG_SCALE_TO_UNIT = "scale_to_unit";
    static final String CFG_IMAGE_COLUMN = "image_column";
    static final String CFG_ROW_ID_PREFIX = "row_id_prefix";

    /** 0 means "all rows". */
    static final int MAX_ROWS_ALL = 0;

    final ChoiceSetting<Source> source = new ChoiceSetting<>(CFG_SOURCE, Source.BUILTIN_TRAIN);
    final SettingsModelString imagesFile = new SettingsModelString(CFG_IMAGES_FILE, "");
    final SettingsModelString labelsFile = new SettingsModelString(CFG_LABELS_FILE, "");
    /** Empty: the engine's default cache (~/.vaenodes/datasets, or -Dvaenodes.datasets.dir). */
    final SettingsModelString cacheDir = new SettingsModelString(CFG_CACHE_DIR, "");
    final SettingsModelIntegerBounded maxRows =
        new SettingsModelIntegerBounded(CFG_MAX_ROWS, MAX_ROWS_ALL, 0, Integer.MAX_VALUE);
    final ChoiceSetting<PixelOutput> pixelOutput = new ChoiceSetting<>(CFG_PIXEL_OUTPUT, PixelOutput.LIST);
    final SettingsModelBoolean scaleToUnit = new SettingsModelBoolean(CFG_SCALE_TO_UNIT, true);
    final SettingsModelBoolean imageColumn = new SettingsModelBoolean(CFG_IMAGE_COLUMN, true);
    final SettingsModelString rowIdPrefix = new SettingsModelString(CFG_ROW_ID_PREFIX, "Row");

    MnistReaderSettings() {
        super(MnistReaderSettings::new);
    }

    @Override
    protected List<SettingsModel> models() {
        return List.of(source.model(), imagesFile, labelsFile, cacheDir, maxRows, pixelOutput.model(), scaleToUnit,
            imageColumn, rowIdPrefix);
    }

    /** The cache folder came with the download sources (0.1.0): older workflows lack it. */
    @Override
    protected Map<String, SettingsModel> addedLater() {
        return Map.of(CFG_CACHE_DIR, cacheDir);
    }

    /** Cross-field rules; called by validate and again at configure time. */
    @Override
    public void checkConsistent() throws InvalidSettingsException {
        Source src = source.value();
        pixelOutput.value();
        if (src == Source.IDX_FILES && imagesFile.getStringValue().isBlank()) {
            throw new InvalidSettingsException("Source is 'idx-files' but no images file is set ("
                + CFG_IMAGES_FILE + "): choose an idx3-ubyte file (raw or .gz).");
        }
        if (pixelOutput.value() == PixelOutput.NONE && !imageColumn.getBooleanValue()) {
            throw new InvalidSettingsException(
                "Nothing to output: pixel output is 'none' and the image column is switched off.");
        }
    }

}
