package org.vaenodes.engine.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads IDX image ({@code idx3-ubyte}) and label ({@code idx1-ubyte}) files, raw or gzip-compressed, of any image
 * size. Headers are validated (magic number, plausible sizes, data length), and data is read without trusting
 * the header to size allocations; every problem is an {@link IdxFormatException} naming the file.
 * <p>
 * Limits ({@code maxImages}, {@code maxLabels}) stop reading early, so a preview of the first 100 rows of a
 * 60,000-row file reads 100 rows. Pass {@link #ALL} for everything.
 */
public final class IdxReader {

    /** Limit meaning "read all items". */
    public static final int ALL = Integer.MAX_VALUE;

    private IdxReader() {
    }

    /** Reads and validates only the header of an image or a label file (e.g. for a configure step). */
    public static IdxHeader readHeader(Path file) throws IOException {
        return readHeader(file, null);
    }

    /**
     * Reads and validates only the header, requiring the given kind. For uncompressed files this includes the
     * data length check; for gzip files that check needs the data and happens when it is read.
     */
    public static IdxHeader readHeader(Path file, IdxKind expected) throws IOException {
        try (IdxInput in = IdxInput.open(file)) {
            return IdxHeaderParser.read(in, expected);
        }
    }

    /** Reads at most {@code maxImages} images from an {@code idx3-ubyte} file. */
    public static IdxImages readImages(Path file, int maxImages) throws IOException {
        checkLimit(maxImages);
        try (IdxInput in = IdxInput.open(file)) {
            return readImages(in, maxImages);
        }
    }

    /**
     * Reads at most {@code maxImages} images from a stream (raw or gzip, e.g. a class-path resource). The stream
     * is not closed; {@code sourceName} names it in messages.
     */
    public static IdxImages readImages(InputStream in, String sourceName, int maxImages) throws IOException {
        checkLimit(maxImages);
        try (IdxInput input = IdxInput.of(new NonClosing(in), sourceName)) {
            return readImages(input, maxImages);
        }
    }

    /** Reads at most {@code maxLabels} labels (0..255) from an {@code idx1-ubyte} file. */
    public static int[] readLabels(Path file, int maxLabels) throws IOException {
        checkLimit(maxLabels);
        try (IdxInput in = IdxInput.open(file)) {
            return readLabels(in, maxLabels);
        }
    }

    /** Reads at most {@code maxLabels} labels from a stream, which is not closed. */
    public static int[] readLabels(InputStream in, String sourceName, int maxLabels) throws IOException {
        checkLimit(maxLabels);
        try (IdxInput input = IdxInput.of(new NonClosing(in), sourceName)) {
            return readLabels(input, maxLabels);
        }
    }

    private static IdxImages readImages(IdxInput in, int maxImages) throws IOException {
        IdxHeader header = IdxHeaderParser.read(in, IdxKind.IMAGES);
        int n = Math.min(header.count(), maxImages);
        byte[] pixels = IdxBodyReader.read(in, header, n);
        return new IdxImages(n, header.rows(), header.cols(), pixels);
    }

    private static int[] readLabels(IdxInput in, int maxLabels) throws IOException {
        IdxHeader header = IdxHeaderParser.read(in, IdxKind.LABELS);
        byte[] bytes = IdxBodyReader.read(in, header, Math.min(header.count(), maxLabels));
        int[] labels = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            labels[i] = bytes[i] & 0xff;
        }
        return labels;
    }

    private static void checkLimit(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("limit must be >= 0 (use IdxReader.ALL for all): " + max);
        }
    }

    /** Lets us close our wrappers (and the inflater's native memory) while leaving the caller's stream open. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
