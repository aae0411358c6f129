package org.vaenodes.engine.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX image and label files, raw or gzip-compressed. Output is deterministic: the same data gives the
 * same bytes ({@link GZIPOutputStream} writes a zero modification time and no file name).
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /** Writes an {@code idx3-ubyte} file, gzip-compressed if {@code gzip}. */
    public static void writeImages(Path file, IdxImages images, boolean gzip) throws IOException {
        try (OutputStream out = open(file, gzip)) {
            writeImages(out, images);
        }
    }

    /** Writes uncompressed {@code idx3-ubyte} bytes to {@code out} (not closed). */
    public static void writeImages(OutputStream out, IdxImages images) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(IdxKind.IMAGES.magic());
        data.writeInt(images.count());
        data.writeInt(images.rows());
        data.writeInt(images.cols());
        data.write(images.pixels());
        data.flush();
    }

    /** Writes an {@code idx1-ubyte} file; labels must be 0..255. */
    public static void writeLabels(Path file, int[] labels, boolean gzip) throws IOException {
        try (OutputStream out = open(file, gzip)) {
            writeLabels(out, labels);
        }
    }

    /** Writes uncompressed {@code idx1-ubyte} bytes to {@code out} (not closed). */
    public static void writeLabels(OutputStream out, int[] labels) throws IOException {
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", IDX labels are 0..255");
            }
            bytes[i] = (byte) labels[i];
        }
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(IdxKind.LABELS.magic());
        data.writeInt(labels.length);
        data.write(bytes);
        data.flush();
    }

    private static OutputStream open(Path file, boolean gzip) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        return gzip ? new GZIPOutputStream(out, 64 * 1024) : out;
    }
}
