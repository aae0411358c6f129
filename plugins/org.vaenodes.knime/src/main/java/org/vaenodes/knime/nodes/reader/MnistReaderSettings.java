package org.vaenodes.knime.nodes.reader;

import javax.swing.JFileChooser;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.vaenodes.knime.data.PixelOutput;
import org.vaenodes.knime.util.ChoiceSetting;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.Setting;
import org.vaenodes.knime.util.SettingChoice;

/**
 * Every setting of the MNIST Reader: key, default, bounds and validation in one place, shared by model and dialog;
 * each key is a plain entry in the node's settings, so flow variables can set it.
 */
final class MnistReaderSettings extends NodeSettingsGroup {

    /** Where the digits come from; the id is what flow variables set. */
    enum Source implements SettingChoice {
        BUILTIN_TRAIN("Built-in sample, training digits"), BUILTIN_TEST("Built-in sample, test digits"),
        IDX_FILES("IDX files"),
        DOWNLOAD_MNIST_TRAIN("Download MNIST, training set"), DOWNLOAD_MNIST_TEST("Download MNIST, test set"),
        DOWNLOAD_FASHION_MNIST_TRAIN("Download Fashion-MNIST, training set"),
        DOWNLOAD_FASHION_MNIST_TEST("Download Fashion-MNIST, test set");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        @Override
        public String label() {
            return label;
        }
    }

    static final String CFG_SOURCE = "source";
    static final String CFG_IMAGES_FILE = "images_file";
    static final String CFG_LABELS_FILE = "labels_file";
    static final String CFG_CACHE_DIR = "cache_dir";
    static final String CFG_FIRST_ROW = "first_row";
    static final String CFG_MAX_ROWS = "max_rows";
    static final String CFG_LABELS = "labels";
    static final String CFG_PIXEL_OUTPUT = "pixel_output";
    static final String CFG_SCALE_TO_UNIT = "scale_to_unit";
    static final String CFG_IMAGE_COLUMN = "image_column";
    static final String CFG_ROW_ID_PREFIX = "row_id_prefix";

    /** 0 means "all rows". */
    static final int MAX_ROWS_ALL = 0;

    /** The cache folder came with the download sources, after workflows had been saved without it. */
    private static final String WITH_CACHE_FOLDER = Setting.FIRST_RELEASE + "+cache-folder";

    /** First row and label filter came after workflows had been saved without them. */
    private static final String WITH_ROW_SELECTION = Setting.FIRST_RELEASE + "+row-selection";

    private static final String SOURCE = "Source";
    private static final String OUTPUT = "Output";

    final ChoiceSetting<Source> source = declare(ChoiceSetting.of(CFG_SOURCE, Source.BUILTIN_TRAIN)
        .label("Source").section(SOURCE)
        .description("Where the digits come from: <i>Built-in sample, training digits</i> (<tt>builtin-train</tt>, "
            + "default): the 9,000 training digits of the built-in sample; <i>Built-in sample, test digits</i> "
            + "(<tt>builtin-test</tt>): its 1,000 test digits; <i>IDX files</i> (<tt>idx-files</tt>): the files "
            + "chosen below; or a download of the full data sets: <i>Download MNIST, training set</i> "
            + "(<tt>download-mnist-train</tt>) / <i>Download MNIST, test set</i> (<tt>download-mnist-test</tt>): "
            + "MNIST, 60,000 / 10,000 digits; <i>Download Fashion-MNIST, training set</i> "
            + "(<tt>download-fashion-mnist-train</tt>) / <i>Download Fashion-MNIST, test set</i> "
            + "(<tt>download-fashion-mnist-test</tt>): Fashion-MNIST, Zalando's 28×28 clothing images, same sizes. "
            + "Downloads are checked against pinned SHA-256 digests and kept in the cache folder; a file that fails "
            + "the check is discarded, never cached."));

    final SettingsModelString imagesFile = declare(Setting.file(CFG_IMAGES_FILE, "vaenodes.mnist.images",
        JFileChooser.OPEN_DIALOG, ".gz", "-ubyte")
        .label("Images file").section(SOURCE).appliesWhen(() -> sourceIs(Source.IDX_FILES))
        .description("An <tt>idx3-ubyte</tt> image file, raw or <tt>.gz</tt>: a local path, a <tt>file:</tt> URL "
            + "or a KNIME URL such as <tt>knime://knime.workflow/data/train-images-idx3-ubyte.gz</tt>. Only used "
            + "when the source is <i>IDX files</i>, and then required."));

    final SettingsModelString labelsFile = declare(Setting.file(CFG_LABELS_FILE, "vaenodes.mnist.labels",
        JFileChooser.OPEN_DIALOG, ".gz", "-ubyte")
        .label("Labels file").section(SOURCE).optional().appliesWhen(() -> sourceIs(Source.IDX_FILES))
        .description("Local path of the matching <tt>idx1-ubyte</tt> label file. Leave empty if there are no "
            + "labels; the output then has no Label column. Only used when the source is <i>IDX files</i>."));

    /** Empty: the engine's default cache (~/.vaenodes/datasets, or -Dvaenodes.datasets.dir). */
    final SettingsModelString cacheDir = declare(Setting.folder(CFG_CACHE_DIR, "vaenodes.mnist.cache")
        .label("Cache folder").section(SOURCE).since(WITH_CACHE_FOLDER).optional()
        .appliesWhen(this::downloads)
        .description("Where downloaded data sets are kept. Empty (default): <tt>~/.vaenodes/datasets</tt> (or the "
            + "folder given by the Java system property <tt>vaenodes.datasets.dir</tt>). Only used by the download "
            + "sources."));

    final SettingsModelIntegerBounded firstRow = declare(Setting.integer(CFG_FIRST_ROW, 0, 0, Integer.MAX_VALUE, 1000)
        .label("First row").section(SOURCE).since(WITH_ROW_SELECTION)
        .description("Skip this many images from the start of the source: reading starts at the image with this "
            + "index (0, the default, is the first image). Together with <i>Maximum rows</i> this reads a range of "
            + "the source: first row 3000 and maximum rows 3000 read images 3000 to 5999, so three readers can "
            + "split the 9,000 built-in training digits into three parts. Row IDs keep each image's index in the "
            + "source (Row3000, Row3001, ...). A first row at or beyond the number of images in the source is an "
            + "error that says how many there are."));

    final SettingsModelIntegerBounded maxRows = declare(Setting.integer(CFG_MAX_ROWS, MAX_ROWS_ALL, 0,
        Integer.MAX_VALUE, 1000)
        .label("Maximum rows").section(SOURCE)
        .description("Read at most this many images, starting at the first row; 0 (default) reads all of them up "
            + "to the end of the source."));

    final SettingsModelString labels = declare(Setting.text(CFG_LABELS, "", 15)
        .label("Labels to keep").section(SOURCE).since(WITH_ROW_SELECTION).optional()
        .description("Keep only images whose label is in this list of labels (class ids 0 to 255) and ranges of "
            + "labels, separated by commas: e.g. <tt>0-8</tt>, <tt>0,1,2</tt> or <tt>1-3,7</tt>; blanks are "
            + "ignored. Empty (default) keeps all images. The filter applies after the range: <i>First row</i> "
            + "and <i>Maximum rows</i> choose images by their position in the source, then images in that range "
            + "with other labels are dropped, so the output can have fewer rows than <i>Maximum rows</i>. Row IDs "
            + "keep the images' indices in the source (e.g. Row7, Row12, ...). Needs a source with labels (for "
            + "<i>IDX files</i>, a labels file)."));

    final ChoiceSetting<PixelOutput> pixelOutput = declare(ChoiceSetting.of(CFG_PIXEL_OUTPUT, PixelOutput.LIST)
        .label("Pixel output").section(OUTPUT)
        .description("<i>One list column</i> (<tt>list</tt>, default): one column <i>Pixels</i> holding a list of "
            + "doubles per image; <i>One column per value</i> (<tt>columns</tt>): one double column per pixel "
            + "(<i>pixel_0</i>, <i>pixel_1</i>, ...); <i>None</i> (<tt>none</tt>): no pixel values (e.g. only to "
            + "look at the images). Either the pixels or the image column must be output."));

    final SettingsModelBoolean scaleToUnit = declare(Setting.flag(CFG_SCALE_TO_UNIT, true)
        .label("Scale pixels to [0, 1]").section(OUTPUT)
        .appliesWhen(() -> pixelOutput.valueOrNull() != PixelOutput.NONE)
        .description("If checked (default) pixel values are divided by 255, which is what a VAE with a Bernoulli "
            + "likelihood expects; otherwise they keep their raw values 0 to 255. Only used when pixel values are "
            + "output."));

    final SettingsModelBoolean imageColumn = declare(Setting.flag(CFG_IMAGE_COLUMN, true)
        .label("Add image column (PNG)").section(OUTPUT)
        .description("Adds the column <i>Image</i> with each digit as a PNG image (default: on)."));

    final SettingsModelString rowIdPrefix = declare(Setting.text(CFG_ROW_ID_PREFIX, "Row", 15)
        .label("Row ID prefix").section(OUTPUT)
        .description("Row IDs are this prefix followed by the image's index in the file (default <tt>Row</tt>: "
            + "Row0, Row1, ...)."));

    MnistReaderSettings() {
        super(MnistReaderSettings::new);
    }

    private boolean sourceIs(Source s) {
        return source.valueOrNull() == s;
    }

    /** Whether the source is one of the downloads. */
    private boolean downloads() {
        Source s = source.valueOrNull();
        return s != null && MnistSource.remote(s) != null;
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
        labelFilter();
        if (pixelOutput.value() == PixelOutput.NONE && !imageColumn.getBooleanValue()) {
            throw new InvalidSettingsException(
                "Nothing to output: pixel output is 'none' and the image column is switched off.");
        }
    }

    /** The parsed label filter; wrong text is an error naming the setting and the entry. */
    LabelFilter labelFilter() throws InvalidSettingsException {
        return LabelFilter.parse(labels.getStringValue(), CFG_LABELS);
    }
}
