package org.vaenodes.engine.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Builds well-formed and deliberately broken IDX files for the tests. */
final class IdxTestFiles {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxTestFiles() {
    }

    /** Images whose pixels are a pseudo-random but reproducible function of the seed. */
    static IdxImages images(int count, int rows, int cols, long seed) {
        byte[] pixels = new byte[count * rows * cols];
        new Random(seed).nextBytes(pixels);
        return new IdxImages(count, rows, cols, pixels);
    }

    static int[] labels(int count) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (i * 7) % 10;
        }
        return labels;
    }

    /** A header with the given magic and sizes, followed by {@code dataBytes} bytes of data. */
    static byte[] idx(int magic, int dataBytes, int... sizes) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * sizes.length + dataBytes);
        buffer.putInt(magic);
        for (int size : sizes) {
            buffer.putInt(size);
        }
        for (int i = 0; i < dataBytes; i++) {
            buffer.put((byte) i);
        }
        return buffer.array();
    }

    /** The uncompressed IDX bytes IdxWriter produces for these images. */
    static byte[] rawBytes(IdxImages images) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IdxWriter.writeImages(bytes, images);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        return file;
    }
}
