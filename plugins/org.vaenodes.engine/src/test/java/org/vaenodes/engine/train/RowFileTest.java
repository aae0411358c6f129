package org.vaenodes.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowFileTest {

    @TempDir
    Path dir;

    /** Rows of 3 values: row r holds r, r + 0.5, −r; its label is r % 7. */
    static Path write(Path file, int rows, boolean labelled) throws IOException {
        try (RowFile.Writer w = new RowFile.Writer(file, 3, labelled)) {
            for (int r = 0; r < rows; r++) {
                w.append(new float[] {0, r, r + 0.5f, -r}, 1, r % 7);
            }
            assertEquals(rows, w.rows());
        }
        return file;
    }

    @Test
    void readsAnyRunOfRowsBackWithTheirLabels() throws IOException {
        // more rows than one read buffer holds, so runs cross the buffer's edge
        int rows = 100_000;
        try (RowFile f = RowFile.open(write(dir.resolve("rows.bin"), rows, true))) {
            assertEquals(rows, f.rows());
            assertEquals(3, f.width());
            assertTrue(f.labelled());
            float[] values = new float[2 + 90_000 * 3 + 3];
            int[] labels = new int[90_000 + 2];
            f.read(9_000, 90_000, values, labels, 1);
            for (int i = 0; i < 90_000; i++) {
                int r = 9_000 + i;
                assertEquals(r, values[(1 + i) * 3]);
                assertEquals(r + 0.5f, values[(1 + i) * 3 + 1]);
                assertEquals(-r, values[(1 + i) * 3 + 2]);
                assertEquals(r % 7, labels[1 + i]);
            }
            assertEquals(0, values[0]);
            assertThrows(IndexOutOfBoundsException.class, () -> f.read(rows - 1, 2, values, labels, 0));
        }
    }

    @Test
    void holdsTheSameRowsAsTheArrayItWasWrittenFrom() throws IOException {
        Digits d = Digits.load(org.vaenodes.engine.data.BuiltInSample.Split.TEST, 300);
        Path file = dir.resolve("digits.bin");
        try (RowFile.Writer w = new RowFile.Writer(file, Digits.D, true)) {
            for (int i = 0; i < d.n; i++) {
                w.append(d.x, i * Digits.D, d.labels[i]);
            }
        }
        try (RowFile f = RowFile.open(file)) {
            float[] x = new float[d.n * Digits.D];
            int[] labels = new int[d.n];
            f.read(0, d.n, x, labels, 0);
            assertArrayEquals(d.x, x);
            assertArrayEquals(d.labels, labels);
            assertEquals(Trainer.fingerprint(d.data(true)), Trainer.fingerprint(f), "same rows, same fingerprint");
        }
    }

    @Test
    void refusesFilesWhoseSizeDiffersFromTheHeader() throws IOException {
        Path file = write(dir.resolve("cut.bin"), 10, false);
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 5));
        IOException e = assertThrows(IOException.class, () -> RowFile.open(file));
        assertTrue(e.getMessage().contains("cut.bin") && e.getMessage().contains("claims 10 rows"), e.getMessage());
        Path other = dir.resolve("other.bin");
        Files.writeString(other, "hello, this is no row file at all", StandardOpenOption.CREATE);
        IOException notRows = assertThrows(IOException.class, () -> RowFile.open(other));
        assertTrue(notRows.getMessage().contains("not a VAE Nodes row file"), notRows.getMessage());
        Files.write(other, new byte[3]);
        assertThrows(IOException.class, () -> RowFile.open(other));
    }
}
