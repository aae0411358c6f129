package org.vaenodes.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesTheStandardRawLayout() throws IOException {
        Path file = dir.resolve("labels");
        IdxWriter.writeLabels(file, new int[] {3, 255}, false);
        assertArrayEquals(new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 3, (byte) 255}, Files.readAllBytes(file));

        Path images = dir.resolve("images");
        IdxWriter.writeImages(images, new IdxImages(1, 1, 2, new byte[] {7, 9}), false);
        assertArrayEquals(new byte[] {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 7, 9},
                Files.readAllBytes(images));
    }

    @Test
    void gzipOutputIsDeterministic() throws IOException {
        IdxImages images = IdxTestFiles.images(20, 28, 28, 9);
        Path a = dir.resolve("a.gz");
        Path b = dir.resolve("b.gz");
        IdxWriter.writeImages(a, images, true);
        IdxWriter.writeImages(b, images, true);
        byte[] bytes = Files.readAllBytes(a);
        assertArrayEquals(bytes, Files.readAllBytes(b));
        // gzip header: magic 1f 8b, method 8, no flags (so no file name), modification time 0.
        assertEquals(0x1f, bytes[0] & 0xff);
        assertEquals(0x8b, bytes[1] & 0xff);
        assertEquals(0, bytes[3]);
        assertArrayEquals(new byte[4], java.util.Arrays.copyOfRange(bytes, 4, 8));
    }

    @Test
    void rejectsLabelsOutsideAByte() {
        assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeLabels(dir.resolve("x"), new int[] {1, 256}, false));
        assertThrows(IllegalArgumentException.class,
                () -> IdxWriter.writeLabels(dir.resolve("y"), new int[] {-1}, true));
    }

    @Test
    void imagesRecordChecksItsArray() {
        assertThrows(IllegalArgumentException.class, () -> new IdxImages(2, 2, 2, new byte[7]));
        assertThrows(IllegalArgumentException.class, () -> new IdxImages(1, 0, 2, new byte[0]));
    }
}
