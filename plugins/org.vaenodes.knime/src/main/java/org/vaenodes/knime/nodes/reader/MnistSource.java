package org.vaenodes.knime.nodes.reader;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.util.FileUtil;
import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.data.IdxHeader;
import org.vaenodes.engine.data.IdxKind;
import org.vaenodes.engine.data.IdxReader;
import org.vaenodes.engine.data.MnistDataset;
import org.vaenodes.knime.nodes.reader.MnistReaderSettings.Source;

/**
 * Where the reader's digits come from, resolved from the settings: answers the cheap questions at configure time
 * (image size, whether labels exist) from file headers only, and loads the data at execute time.
 */
final class MnistSource {

    /** Image geometry and label presence, known before any pixel is read. */
    record Shape(int rows, int cols, boolean hasLabels) {
    }

    private final Source source;
    private final Path images;
    private final Path labels;

    private MnistSource(Source source, Path images, Path labels) {
        this.source = source;
        this.images = images;
        this.labels = labels;
    }

    static MnistSource of(MnistReaderSettings s) throws InvalidSettingsException {
        Source src = s.source();
        if (src != Source.IDX_FILES) {
            return new MnistSource(src, null, null);
        }
        Path img = existingFile(s.imagesFile.getStringValue(), "Images file");
        String lbl = s.labelsFile.getStringValue();
        return new MnistSource(src, img, lbl.isBlank() ? null : existingFile(lbl, "Labels file"));
    }

    /** Reads headers only: cheap enough for configure. */
    Shape shape() throws InvalidSettingsException {
        if (source != Source.IDX_FILES) {
            return new Shape(BuiltInSample.SIDE, BuiltInSample.SIDE, true);
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
            return new Shape(h.rows(), h.cols(), labels != null);
        } catch (IOException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /** Loads at most {@code maxRows} rows ({@link IdxReader#ALL} for all). */
    MnistDataset load(int maxRows) throws IOException {
        return switch (source) {
            case BUILTIN_TRAIN -> BuiltInSample.load(BuiltInSample.Split.TRAIN, maxRows);
            case BUILTIN_TEST -> BuiltInSample.load(BuiltInSample.Split.TEST, maxRows);
            case IDX_FILES -> MnistDataset.load(images, labels, maxRows);
        };
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
