package org.vaenodes.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaenodes.engine.data.IdxTestFiles.IMAGES_MAGIC;
import static org.vaenodes.engine.data.IdxTestFiles.LABELS_MAGIC;
import static org.vaenodes.engine.data.IdxTestFiles.gzip;
import static org.vaenodes.engine.data.IdxTestFiles.idx;
import static org.vaenodes.engine.data.IdxTestFiles.write;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsRawAndGzipImagesIdentically() throws IOException {
        IdxImages images = IdxTestFiles.images(12, 28, 28, 1);
        for (boolean gz : new boolean[] {false, true}) {
            Path file = dir.resolve("images-" + gz);
            IdxWriter.writeImages(file, images, gz);
            IdxImages read = IdxReader.readImages(file, IdxReader.ALL);
            assertEquals(12, read.count());
            assertEquals(28, read.rows());
            assertEquals(28, read.cols());
            assertArrayEquals(images.pixels(), read.pixels());

            IdxHeader header = IdxReader.readHeader(file);
            assertEquals(new IdxHeader(IdxKind.IMAGES, 12, 28, 28, gz), header);
        }
    }

    @Test
    void readsNonSquareImagesAndConvertsToFloats() throws IOException {
        byte[] pixels = new byte[2 * 5 * 7];
        pixels[0] = (byte) 255;
        pixels[35 + 6] = (byte) 51; // image 1, row 0, column 6
        Path file = dir.resolve("odd.idx3.gz");
        IdxWriter.writeImages(file, new IdxImages(2, 5, 7, pixels), true);

        IdxImages read = IdxReader.readImages(file, IdxReader.ALL);
        assertEquals(5, read.rows());
        assertEquals(7, read.cols());
        assertEquals(35, read.pixelsPerImage());
        assertEquals(255, read.pixel(0, 0));
        assertEquals(1f, read.imageAsFloats(0, true)[0]);
        assertEquals(255f, read.imageAsFloats(0, false)[0]);
        assertEquals(0.2f, read.imageAsFloats(1, true)[6], 1e-6);
        assertEquals(0f, read.imageAsFloats(1, true)[7]);
    }

    @Test
    void detectsGzipByContentNotName() throws IOException {
        IdxImages images = IdxTestFiles.images(3, 4, 4, 2);
        Path rawNamedGz = dir.resolve("really-raw.gz");
        Path gzNamedRaw = dir.resolve("really-gzip.idx3-ubyte");
        IdxWriter.writeImages(rawNamedGz, images, false);
        IdxWriter.writeImages(gzNamedRaw, images, true);
        assertArrayEquals(images.pixels(), IdxReader.readImages(rawNamedGz, IdxReader.ALL).pixels());
        assertArrayEquals(images.pixels(), IdxReader.readImages(gzNamedRaw, IdxReader.ALL).pixels());
        assertFalse(IdxReader.readHeader(rawNamedGz).gzipped());
        assertTrue(IdxReader.readHeader(gzNamedRaw).gzipped());
    }

    @Test
    void stopsAtMaxImages() throws IOException {
        IdxImages images = IdxTestFiles.images(10, 3, 2, 3);
        for (boolean gz : new boolean[] {false, true}) {
            Path file = dir.resolve("ten-" + gz);
            IdxWriter.writeImages(file, images, gz);
            IdxImages three = IdxReader.readImages(file, 3);
            assertEquals(3, three.count());
            assertArrayEquals(Arrays.copyOf(images.pixels(), 3 * 6), three.pixels());
            assertEquals(0, IdxReader.readImages(file, 0).count());
            assertEquals(10, IdxReader.readImages(file, 11).count());
        }
        Path file = dir.resolve("ten-false");
        assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(file, -1));
    }

    @Test
    void readsLabelsWithLimit() throws IOException {
        int[] labels = {0, 1, 2, 9, 255, 7};
        for (boolean gz : new boolean[] {false, true}) {
            Path file = dir.resolve("labels-" + gz);
            IdxWriter.writeLabels(file, labels, gz);
            assertArrayEquals(labels, IdxReader.readLabels(file, IdxReader.ALL));
            assertArrayEquals(new int[] {0, 1}, IdxReader.readLabels(file, 2));
            assertEquals(new IdxHeader(IdxKind.LABELS, 6, 0, 0, gz), IdxReader.readHeader(file));
        }
    }

    @Test
    void readsFromStreamWithoutClosingIt() throws IOException {
        IdxImages images = IdxTestFiles.images(2, 2, 2, 4);
        byte[] raw = IdxTestFiles.rawBytes(images);
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream(gzip(raw)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        assertArrayEquals(images.pixels(), IdxReader.readImages(in, "stream", IdxReader.ALL).pixels());
        assertFalse(closed[0]);
    }

    @Test
    void truncatedRawFileIsReportedAtHeaderTime() throws IOException {
        byte[] full = idx(IMAGES_MAGIC, 3 * 16, 3, 4, 4);
        Path file = write(dir.resolve("cut.idx3"), Arrays.copyOf(full, full.length - 10));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readHeader(file));
        assertMessage(e, file.toString(), "is truncated", "header says 3 images of 4x4", "only 38 bytes");
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file, 1));
        assertMessage(e, "is truncated");
    }

    @Test
    void truncatedGzipFileIsReportedWhenRead() throws IOException {
        // Complete gzip stream around incomplete IDX data.
        byte[] full = idx(IMAGES_MAGIC, 3 * 16, 3, 4, 4);
        Path file = write(dir.resolve("cut.gz"), gzip(Arrays.copyOf(full, full.length - 10)));
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(file, IdxReader.ALL));
        assertMessage(e, file.toString(), "is truncated", "header says 3 images of 4x4", "only 38 bytes");

        // A gzip stream that itself stops half way (a partial download).
        byte[] big = gzip(IdxTestFiles.rawBytes(IdxTestFiles.images(200, 28, 28, 5)));
        Path partial = write(dir.resolve("partial.gz"), Arrays.copyOf(big, big.length / 2));
        e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(partial, IdxReader.ALL));
        assertMessage(e, partial.toString(), "truncated");
    }

    @Test
    void extraDataIsAnError() throws IOException {
        byte[] data = idx(LABELS_MAGIC, 5, 4);
        Path raw = write(dir.resolve("long.idx1"), data);
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(raw, IdxReader.ALL)),
                raw.toString(), "1 bytes more than its header describes");
        Path gz = write(dir.resolve("long.idx1.gz"), gzip(data));
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(gz, IdxReader.ALL)),
                gz.toString(), "more data than its header describes");
        // Reading fewer than all does not look at the rest.
        assertEquals(2, IdxReader.readLabels(gz, 2).length);
    }

    @Test
    void hugeHeaderInTinyRawFileFailsWithoutAllocating() throws IOException {
        Path file = write(dir.resolve("liar.idx3"), idx(IMAGES_MAGIC, 100, 1_000_000_000, 28, 28));
        for (int max : new int[] {IdxReader.ALL, 5}) {
            IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file, max));
            assertMessage(e, file.toString(), "is truncated", "1,000,000,000 images of 28x28", "only 100 bytes");
        }
    }

    @Test
    void hugeHeaderInTinyGzipFileFailsWithoutAllocating() throws IOException {
        Path file = write(dir.resolve("liar.gz"), gzip(idx(IMAGES_MAGIC, 100, 1_000_000_000, 28, 28)));
        assertEquals(1_000_000_000, IdxReader.readHeader(file).count()); // header alone cannot tell
        for (int max : new int[] {IdxReader.ALL, 1_000_000, 5}) {
            IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(file, max));
            assertMessage(e, file.toString(), "is truncated", "1,000,000,000 images of 28x28", "only 100 bytes");
        }
        Path labels = write(dir.resolve("liar-labels.gz"), gzip(idx(LABELS_MAGIC, 3, 1_000_000_000)));
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(labels, IdxReader.ALL)),
                "is truncated", "1,000,000,000 labels", "only 3 bytes");
    }

    @Test
    void labelFileGivenAsImagesNamesBothKinds() throws IOException {
        Path file = dir.resolve("train-labels-idx1-ubyte");
        IdxWriter.writeLabels(file, new int[] {1, 2, 3}, false);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(file, IdxReader.ALL));
        assertMessage(e, file.toString(), "IDX label file (magic 0x00000801)", "IDX image file (magic 0x00000803)");

        Path images = dir.resolve("images");
        IdxWriter.writeImages(images, IdxTestFiles.images(1, 2, 2, 0), true);
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(images, 1)),
                "IDX image file (magic 0x00000803)", "IDX label file (magic 0x00000801)");
    }

    @Test
    void otherMagicNumbersAreExplained() throws IOException {
        Path text = write(dir.resolve("notes.txt"), "hello, world".getBytes());
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.readImages(text, 1)),
                text.toString(), "not an IDX file", "68 65 6c 6c", "expected an IDX image file");

        Path floats = write(dir.resolve("floats.idx3"), idx(0x00000D03, 16, 1, 2, 2));
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.readImages(floats, 1)),
                floats.toString(), "0x00000D03", "32-bit floats", "0x00000803");
    }

    @Test
    void emptyAndTooShortFiles() throws IOException {
        Path empty = write(dir.resolve("empty.idx3"), new byte[0]);
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.readImages(empty, 1)),
                empty.toString(), "is empty");
        Path emptyGz = write(dir.resolve("empty.gz"), gzip(new byte[0]));
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.readHeader(emptyGz)),
                emptyGz.toString(), "is empty");
        Path shortHeader = write(dir.resolve("short.idx3"), Arrays.copyOf(idx(IMAGES_MAGIC, 0, 1, 2, 2), 9));
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.readHeader(shortHeader)),
                shortHeader.toString(), "too short", "only 9 bytes", "needs 16");
    }

    @Test
    void missingFileAndDirectoryNameThePath() {
        Path missing = dir.resolve("no-such-file.gz");
        IOException e = assertThrows(FileNotFoundException.class, () -> IdxReader.readImages(missing, 1));
        assertMessage(e, missing.toString());
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.readHeader(dir)), dir.toString(),
                "directory");
    }

    @Test
    void implausibleDimensionsAreRejected() throws IOException {
        Object[][] cases = {
            {new int[] {0, 28, 28}, "contains no images"},
            {new int[] {-5, 28, 28}, "impossible image count"},
            {new int[] {1, 0, 28}, "implausible image size"},
            {new int[] {1, 28, 100_000}, "implausible image size"},
            {new int[] {1, 16_000, 16_000}, "implausible image size"},
        };
        for (Object[] c : cases) {
            int[] dims = (int[]) c[0];
            Path file = write(dir.resolve("dims"), gzip(idx(IMAGES_MAGIC, 8, dims)));
            assertMessage(assertThrows(IdxFormatException.class, () -> IdxReader.readHeader(file)),
                    file.toString(), (String) c[1]);
        }
    }

    @Test
    void corruptGzipDataIsReported() throws IOException {
        byte[] good = gzip(IdxTestFiles.rawBytes(IdxTestFiles.images(50, 28, 28, 6)));
        byte[] bad = good.clone();
        for (int i = 30; i < bad.length - 8; i++) {
            bad[i] = (byte) 0xff;
        }
        Path file = write(dir.resolve("corrupt.gz"), bad);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(file, IdxReader.ALL));
        assertMessage(e, file.toString());
    }

    static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message lacks '" + part + "': " + e.getMessage());
        }
    }
}
