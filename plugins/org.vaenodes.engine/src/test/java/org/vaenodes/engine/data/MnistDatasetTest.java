package org.vaenodes.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaenodes.engine.data.IdxReaderTest.assertMessage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistDatasetTest {

    @TempDir
    Path dir;

    @Test
    void loadsImagesWithLabels() throws IOException {
        IdxImages images = IdxTestFiles.images(8, 6, 5, 11);
        int[] labels = IdxTestFiles.labels(8);
        Path imageFile = dir.resolve("images.gz");
        Path labelFile = dir.resolve("labels");
        IdxWriter.writeImages(imageFile, images, true);
        IdxWriter.writeLabels(labelFile, labels, false);

        MnistDataset all = MnistDataset.load(imageFile, labelFile, IdxReader.ALL);
        assertEquals(8, all.size());
        assertEquals(6, all.rows());
        assertEquals(5, all.cols());
        assertEquals(30, all.pixelsPerImage());
        assertTrue(all.hasLabels());
        assertArrayEquals(labels, all.labels());
        assertEquals(labels[3], all.label(3));
        assertArrayEquals(images.imageAsFloats(7, true), all.imageAsFloats(7, true));

        MnistDataset first = MnistDataset.load(imageFile, labelFile, 3);
        assertEquals(3, first.size());
        assertArrayEquals(Arrays.copyOf(labels, 3), first.labels());
    }

    @Test
    void loadsImagesWithoutLabels() throws IOException {
        Path imageFile = dir.resolve("images");
        IdxWriter.writeImages(imageFile, IdxTestFiles.images(4, 28, 28, 12), false);
        MnistDataset data = MnistDataset.load(imageFile, null, IdxReader.ALL);
        assertEquals(4, data.size());
        assertFalse(data.hasLabels());
        assertThrows(IllegalStateException.class, () -> data.label(0));
    }

    @Test
    void countMismatchNamesBothFilesAndCounts() throws IOException {
        Path imageFile = dir.resolve("train-images.gz");
        Path labelFile = dir.resolve("t10k-labels.gz");
        IdxWriter.writeImages(imageFile, IdxTestFiles.images(9, 4, 4, 13), true);
        IdxWriter.writeLabels(labelFile, IdxTestFiles.labels(5), true);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> MnistDataset.load(imageFile, labelFile, IdxReader.ALL));
        assertMessage(e, imageFile.toString(), "9 images", labelFile.toString(), "5 labels");
        // ... even when fewer rows than either file has are requested.
        assertThrows(IdxFormatException.class, () -> MnistDataset.load(imageFile, labelFile, 2));
    }

    @Test
    void swappedFilesAreReported() throws IOException {
        Path imageFile = dir.resolve("images");
        Path labelFile = dir.resolve("labels");
        IdxWriter.writeImages(imageFile, IdxTestFiles.images(2, 4, 4, 14), false);
        IdxWriter.writeLabels(labelFile, IdxTestFiles.labels(2), false);
        assertMessage(assertThrows(IdxFormatException.class,
                () -> MnistDataset.load(labelFile, imageFile, IdxReader.ALL)), "swapped");
    }

    @Test
    void recordRejectsUnequalLengths() {
        assertThrows(IllegalArgumentException.class,
                () -> new MnistDataset(IdxTestFiles.images(3, 2, 2, 0), new int[2]));
    }
}
