package org.vaenodes.knime.nodes.reader;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.util.FileUtil;
import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.data.IdxHeader;
import org.vaenodes.engine.data.IdxKind;
import org.vaenodes.engine.data.IdxReader;
import org.vaenodes.engine.data.MnistDataset;
import org.vaenodes.engine.download.DatasetDownloader;
import org.vaenodes.engine.download.HttpFetcher;
import org.vaenodes.engine.download.Part;
import org.vaenodes.engine.download.ProgressListener;
import org.vaenodes.engine.download.RemoteDataset;
import org.vaenodes.knime.nodes.reader.MnistReaderSettings.Source;

/**
 * Where the reader's digits come from, resolved from the settings: answers the cheap questions at configure time
 * (image size, whether labels exist) from file headers only, and loads the data at execute time.
 */
record MnistSource(Source source, Path images, Path labels, Path cacheDir) {

    /**
     * Image geometry, label presence and number of images, known before any pixel is read.
     *
     * @param count the number of images in the source, or {@link #UNKNOWN} (a download not yet made)
     */
    record Shape(int rows, int cols, boolean hasLabels, int count) {

        /** The count of a source that cannot be known without downloading it. */
        static final int UNKNOWN = -1;
    }

    static MnistSource of(MnistReaderSettings s) throws InvalidSettingsException {
        Source src = s.source.value();
        if (remote(src) != null) {
            String dir = s.cacheDir.getStringValue();
            return new MnistSource(src, null, null, dir.isBlank() ? DatasetDownloader.defaultCacheDir()
                : directory(dir));
        }
        if (src != Source.IDX_FILES) {
            return new MnistSource(src, null, null, null);
        }
        Path img = existingFile(s.imagesFile.getStringValue(), "Images file");
        String lbl = s.labelsFile.getStringValue();
        return new MnistSource(src, img, lbl.isBlank() ? null : existingFile(lbl, "Labels file"), null);
    }

    /** Reads headers only: cheap enough for configure. */
    Shape shape() throws InvalidSettingsException {
        if (source != Source.IDX_FILES) {
            // the built-in sample and both downloadable data sets are 28x28 with labels
            int count = switch (source) {
                case BUILTIN_TRAIN -> BuiltInSample.Split.TRAIN.size();
                case BUILTIN_TEST -> BuiltInSample.Split.TEST.size();
                default -> Shape.UNKNOWN;
            };
            return new Shape(BuiltInSample.SIDE, BuiltInSample.SIDE, true, count);
        }
        try {
            IdxHeader h = IdxReader.readHeader(images, IdxKind.IMAGES);
            if (labels != null) {
                IdxHeader l = IdxReader.readHeader(labels, IdxKind.LABELS);
                if (l.count() != h.count()) {
                    throw new InvalidSettingsException("Images and labels do not match: " + images + " holds "
                        + h.describe() + " but " + labels + " holds " + l.describe() + ".");
                }
            }
            return new Shape(h.rows(), h.cols(), labels != null, h.count());
        } catch (IOException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /**
     * Loads at most {@code maxRows} rows ({@link IdxReader#ALL} for all); a remote data set is downloaded into the
     * cache first unless a verified copy is there already.
     */
    MnistDataset load(int maxRows, ProgressListener progress, BooleanSupplier cancelled) throws IOException {
        RemoteDataset remote = remote(source);
        if (remote != null) {
            Part part = source == Source.DOWNLOAD_MNIST_TRAIN || source == Source.DOWNLOAD_FASHION_MNIST_TRAIN
                ? Part.TRAIN : Part.TEST;
            DatasetDownloader downloader = new DatasetDownloader(cacheDir, HttpFetcher.defaults());
            Path img = downloader.images(remote, part, progress, cancelled);
            Path lbl = downloader.labels(remote, part, progress, cancelled);
            return MnistDataset.load(img, lbl, maxRows);
        }
        return switch (source) {
            case BUILTIN_TRAIN -> BuiltInSample.load(BuiltInSample.Split.TRAIN, maxRows);
            case BUILTIN_TEST -> BuiltInSample.load(BuiltInSample.Split.TEST, maxRows);
            default -> MnistDataset.load(images, labels, maxRows);
        };
    }

    /** The remote data set a source downloads, or null for local sources. */
    static RemoteDataset remote(Source s) {
        return switch (s) {
            case DOWNLOAD_MNIST_TRAIN, DOWNLOAD_MNIST_TEST -> RemoteDataset.MNIST;
            case DOWNLOAD_FASHION_MNIST_TRAIN, DOWNLOAD_FASHION_MNIST_TEST -> RemoteDataset.FASHION_MNIST;
            default -> null;
        };
    }

    private static Path directory(String location) throws InvalidSettingsException {
        try {
            Path p = FileUtil.resolveToPath(FileUtil.toURL(location));
            if (p == null) {
                throw new InvalidSettingsException("Cache folder '" + location + "' must be a local folder.");
            }
            return p;
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            throw new InvalidSettingsException("Cache folder '" + location + "' cannot be resolved to a local folder: "
                + e.getMessage(), e);
        }
    }

    /** Accepts a local path, a file: URL or a KNIME URL such as knime://knime.workflow/data/x.gz. */
    private static Path existingFile(String location, String what) throws InvalidSettingsException {
        Path p;
        try {
            p = FileUtil.resolveToPath(FileUtil.toURL(location));
        } catch (IOException | URISyntaxException | IllegalArgumentException e) { // incl. InvalidPathException
            throw new InvalidSettingsException(what + " '" + location + "' cannot be resolved to a local file: "
                + e.getMessage(), e);
        }
        if (p == null) {
            throw new InvalidSettingsException(what + " '" + location + "' is not a local file (remote URLs are not "
                + "supported; download the file first).");
        }
        if (!Files.exists(p)) {
            throw new InvalidSettingsException(what + " does not exist: " + p.toAbsolutePath());
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new InvalidSettingsException(what + " is not a readable file: " + p.toAbsolutePath());
        }
        return p;
    }
}
