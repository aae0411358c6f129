package org.vaenodes.engine.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Images with optional labels, row i of one belonging to row i of the other. "Mnist" names the file layout
 * (IDX image + label pair); the images may be of any size.
 *
 * @param images the images
 * @param labels one label (0..255) per image, or {@code null} if the data set has none
 */
public record MnistDataset(IdxImages images, int[] labels) {

    public MnistDataset {
        if (images == null) {
            throw new IllegalArgumentException("images must not be null");
        }
        if (labels != null && labels.length != images.count()) {
            throw new IllegalArgumentException(images.count() + " images but " + labels.length + " labels");
        }
    }

    /**
     * Loads an image file and, if {@code labelsOrNull} is given, its label file, reading at most {@code maxRows}
     * rows ({@link IdxReader#ALL} for all). Both headers are compared before any data is read, so a mismatched
     * pair fails fast with a message naming both files and both counts.
     */
    public static MnistDataset load(Path images, Path labelsOrNull, int maxRows) throws IOException {
        if (labelsOrNull != null) {
            IdxHeader imageHeader = IdxReader.readHeader(images, IdxKind.IMAGES);
            IdxHeader labelHeader = IdxReader.readHeader(labelsOrNull, IdxKind.LABELS);
            checkCounts(images.toString(), imageHeader.count(), labelsOrNull.toString(), labelHeader.count());
        }
        IdxImages pixels = IdxReader.readImages(images, maxRows);
        int[] labels = labelsOrNull == null ? null : IdxReader.readLabels(labelsOrNull, maxRows);
        return new MnistDataset(pixels, labels);
    }

    static void checkCounts(String imagesName, int images, String labelsName, int labels)
            throws IdxFormatException {
        if (images != labels) {
            throw new IdxFormatException(String.format("Image and label files do not match: %s has %,d images "
                    + "but %s has %,d labels", imagesName, images, labelsName, labels));
        }
    }

    /** Number of rows (images). */
    public int size() {
        return images.count();
    }

    public int rows() {
        return images.rows();
    }

    public int cols() {
        return images.cols();
    }

    public int pixelsPerImage() {
        return images.pixelsPerImage();
    }

    public boolean hasLabels() {
        return labels != null;
    }

    /** The label of row {@code i}; fails if the data set has no labels. */
    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException("this data set has no labels");
        }
        return labels[i];
    }

    /** Row {@code i} as floats, in [0, 1] if {@code scaleToUnit}, else 0..255. */
    public float[] imageAsFloats(int i, boolean scaleToUnit) {
        return images.imageAsFloats(i, scaleToUnit);
    }
}
