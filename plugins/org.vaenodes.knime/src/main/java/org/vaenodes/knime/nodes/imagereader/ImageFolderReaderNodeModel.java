package org.vaenodes.knime.nodes.imagereader;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.util.FileUtil;
import org.vaenodes.engine.image.ColorMode;
import org.vaenodes.engine.image.DecodedImage;
import org.vaenodes.engine.image.ImageDecodeException;
import org.vaenodes.engine.image.ImageFileDecoder;
import org.vaenodes.engine.image.ImageFolder;
import org.vaenodes.engine.image.ImageFolder.ImageFile;
import org.vaenodes.engine.image.ImageResizer;
import org.vaenodes.engine.image.ImageShape;
import org.vaenodes.engine.image.ResizeMode;
import org.vaenodes.knime.nodes.imagereader.ImageFolderReaderSettings.BadFiles;
import org.vaenodes.knime.util.NodeSettingsGroup;
import org.vaenodes.knime.util.SettingsNodeModel;

/**
 * Image Folder Reader: reads the PNG, JPEG, BMP and GIF files of a folder (and its sub-folders) into the table shape
 * the MNIST Reader gives: label (the sub-folder), image, pixels, path. Every image is decoded and resized to one
 * shape; the table is written row by row, so only one image is in memory at a time.
 */
final class ImageFolderReaderNodeModel extends SettingsNodeModel {

    /** How many skipped files the warning names; the rest are counted. */
    static final int NAMED_SKIPS = 5;

    private final ImageFolderReaderSettings settings = new ImageFolderReaderSettings();

    ImageFolderReaderNodeModel() {
        super(0, 1);
    }

    @Override
    protected DataTableSpec[] configure(DataTableSpec[] inSpecs) throws InvalidSettingsException {
        settings.checkConsistent();
        // the spec follows from the settings alone: the folder is not looked at before execution
        return new DataTableSpec[] {layout().spec()};
    }

    @Override
    protected BufferedDataTable[] execute(BufferedDataTable[] inData, ExecutionContext exec) throws Exception {
        settings.checkConsistent();
        ImageTableLayout layout = layout();
        ImageShape shape = layout.shape();
        ColorMode color = settings.color.value().mode();
        ResizeMode resize = settings.resize.value().mode();
        boolean skipBadFiles = settings.badFiles.value() == BadFiles.SKIP;
        int maxRows = settings.maxRows.getIntValue();
        String filter = settings.fileFilter.getStringValue().trim();
        boolean recursive = settings.includeSubfolders.getBooleanValue();

        Path root = folder();
        exec.setMessage("Looking for images in " + root);
        List<ImageFile> files = ImageFolder.scan(root, filter, recursive);
        if (files.isEmpty()) {
            throw new IOException("No file in the folder " + root + (recursive ? " or its sub-folders" : "")
                + " matches the file filter '" + filter + "' (" + ImageFolderReaderSettings.CFG_FILE_FILTER + ").");
        }

        ImageFileDecoder decoder = new ImageFileDecoder(settings.limits());
        BufferedDataContainer out = exec.createDataContainer(layout.spec());
        int n = files.size();
        int attempted = 0;
        long written = 0;
        Skips skips = new Skips();
        for (ImageFile file : files) {
            if (maxRows != ImageFolderReaderSettings.MAX_ROWS_ALL && written >= maxRows) {
                break;
            }
            exec.checkCanceled();
            attempted++;
            final int current = attempted;
            String name = ImageTableLayout.slashed(file.relativePath());
            exec.setProgress((current - 1) / (double) n, () -> "Reading file " + current + " of " + n + ": " + name);
            DecodedImage img;
            try {
                img = decoder.decode(file.path(), color);
            } catch (ImageDecodeException e) {
                if (!skipBadFiles) {
                    throw e; // its message names the file and the problem
                }
                skips.add(name, describe(e.reason()), e.getMessage());
                continue;
            } catch (IOException e) {
                String message = "Cannot read " + file.path() + ": " + e.getMessage();
                if (!skipBadFiles) {
                    throw new IOException(message, e);
                }
                skips.add(name, "unreadable", message);
                continue;
            }
            out.addRowToTable(layout.row(written, file, sized(img, shape, resize)));
            written++;
        }
        out.close();
        if (written == 0) {
            throw new IOException("None of the " + attempted + " matching files in " + root + " could be read as an "
                + "image, so there is nothing to output. The first problem: " + skips.firstProblem);
        }
        if (skips.count > 0) {
            setWarningMessage(skipWarning(skips.named, skips.count, attempted));
        }
        final long rows = written;
        exec.setProgress(1.0, () -> "Read " + rows + (rows == 1 ? " image" : " images"));
        return new BufferedDataTable[] {out.getTable()};
    }

    /** The files skipped so far: how many, the first {@value #NAMED_SKIPS} with their reason, the first message. */
    private final class Skips {
        private int count;
        private final List<String> named = new ArrayList<>(NAMED_SKIPS);
        private String firstProblem;

        /**
         * Counts a skipped file and logs why, at INFO: the node's one warning at the end is the warning (a WARN line
         * per file would be undeclared warnings to KNIME's testflow runner); the log lists every file with its reason.
         */
        void add(String name, String reason, String message) {
            firstProblem = firstProblem == null ? message : firstProblem;
            if (count++ < NAMED_SKIPS) {
                named.add(name + " (" + reason + ")");
            }
            getLogger().info("Skipped " + name + ": " + message);
        }
    }

    /** The image at the output shape: resized unless it already has the size. */
    private static DecodedImage sized(DecodedImage img, ImageShape shape, ResizeMode resize) {
        ImageShape s = img.shape();
        if (s.width() == shape.width() && s.height() == shape.height()) {
            return img;
        }
        return ImageResizer.resize(img, shape.width(), shape.height(), resize);
    }

    /**
     * "Skipped k of n files: a.png (empty file), … and m more".
     *
     * @param named the first skipped files with their reason (at most {@link #NAMED_SKIPS} are named)
     * @param skipped how many files were skipped
     * @param attempted how many files were tried
     */
    static String skipWarning(List<String> named, int skipped, int attempted) {
        List<String> shown = named.subList(0, Math.min(NAMED_SKIPS, named.size()));
        StringBuilder w = new StringBuilder("Skipped ").append(skipped).append(" of ").append(attempted)
            .append(attempted == 1 ? " file: " : " files: ").append(String.join(", ", shown));
        if (skipped > shown.size()) {
            w.append(" and ").append(skipped - shown.size()).append(" more");
        }
        return w.toString();
    }

    /** A few words for the warning; the log holds the decoder's full message. */
    static String describe(ImageDecodeException.Reason reason) {
        if (reason == null) {
            return "not readable";
        }
        return switch (reason) {
            case EMPTY -> "empty file";
            case NOT_AN_IMAGE -> "not an image";
            case UNSUPPORTED -> "unsupported image type";
            case TOO_LARGE -> "too large";
            case CORRUPT -> "corrupt";
            case TRUNCATED -> "truncated";
        };
    }

    /** The folder setting as a local, existing folder: a path, a file: URL or a knime:// URL. */
    private Path folder() throws InvalidSettingsException, IOException {
        String location = settings.folder.getStringValue().trim();
        Path p;
        try {
            p = FileUtil.resolveToPath(FileUtil.toURL(location));
        } catch (IOException | URISyntaxException | InvalidPathException e) {
            throw new InvalidSettingsException("'" + location + "' (" + ImageFolderReaderSettings.CFG_FOLDER
                + ") is not a valid folder location: " + e.getMessage(), e);
        }
        if (p == null) {
            throw new InvalidSettingsException("'" + location + "' (" + ImageFolderReaderSettings.CFG_FOLDER
                + ") is not a local folder; the node reads local paths, file: and knime: URLs.");
        }
        if (!Files.exists(p)) {
            throw new IOException("The folder " + p + " does not exist (" + ImageFolderReaderSettings.CFG_FOLDER
                + ").");
        }
        if (!Files.isDirectory(p)) {
            throw new IOException(p + " is a file, not a folder (" + ImageFolderReaderSettings.CFG_FOLDER
                + "): choose the folder that holds the images.");
        }
        return p;
    }

    private ImageTableLayout layout() throws InvalidSettingsException {
        return new ImageTableLayout(settings.shape(), settings.labelFromFolder.getBooleanValue(),
            settings.imageColumn.getBooleanValue(), settings.pixelOutput.value(),
            settings.pathColumn.getBooleanValue(), settings.rowIdPrefix.getStringValue());
    }

    @Override
    protected NodeSettingsGroup settingsGroup() {
        return settings;
    }
}
