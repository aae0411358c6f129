package org.vaenodes.engine.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.ZipException;

/**
 * Reads and validates an IDX header. Everything that can be checked without reading the data is checked here,
 * so KNIME's configure step (which reads only headers) already reports most broken files.
 */
final class IdxHeaderParser {

    /**
     * Largest accepted image side. Far above what IDX image data sets use (the MNIST family is 28x28); a bigger
     * value is almost certainly a misread or damaged header, not a real image.
     */
    static final int MAX_SIDE = 16_384;

    /** Largest accepted image (pixels): one image must fit comfortably in a KNIME row. */
    static final int MAX_PIXELS_PER_IMAGE = 1 << 24;

    private IdxHeaderParser() {
    }

    /**
     * Reads the header from the start of {@code in}.
     *
     * @param expected the kind the caller needs, or {@code null} to accept either
     */
    static IdxHeader read(IdxInput in, IdxKind expected) throws IOException {
        byte[] magicBytes = readExactly(in, 4, 0, expected);
        int magic = ByteBuffer.wrap(magicBytes).getInt();
        IdxKind kind = checkMagic(in.name(), magic, magicBytes, expected);

        ByteBuffer dims = ByteBuffer.wrap(readExactly(in, 4 * kind.dimensions(), 4, kind));
        int count = dims.getInt();
        int rows = kind == IdxKind.IMAGES ? dims.getInt() : 0;
        int cols = kind == IdxKind.IMAGES ? dims.getInt() : 0;
        checkDimensions(in.name(), kind, count, rows, cols);

        IdxHeader header = new IdxHeader(kind, count, rows, cols, in.gzipped());
        if (in.rawLength() >= 0) {
            checkRawLength(in.name(), header, in.rawLength() - header.headerBytes());
        }
        return header;
    }

    /**
     * Reads exactly {@code n} more header bytes, {@code alreadyRead} having been read before; a short read means
     * an empty or truncated file.
     *
     * @param kind the kind being read (for the message), or {@code null} if not yet known
     */
    private static byte[] readExactly(IdxInput in, int n, int alreadyRead, IdxKind kind) throws IOException {
        byte[] bytes = new byte[n];
        int filled = 0;
        InputStream data = in.data();
        try {
            while (filled < n) {
                int r = data.read(bytes, filled, n - filled);
                if (r < 0) {
                    break;
                }
                filled += r;
            }
        } catch (EOFException | ZipException e) {
            throw new IdxFormatException(in.name() + " is not a valid gzip file or is truncated: "
                    + IdxInput.reason(e), e);
        }
        if (filled == n) {
            return bytes;
        }
        int have = alreadyRead + filled;
        if (have == 0) {
            throw new IdxFormatException(in.name() + " is empty" + (in.gzipped()
                    ? " (the gzip stream contains no data)" : " (0 bytes)") + "; expected " + describeExpected(kind));
        }
        String needs = kind == null ? "an IDX header needs at least " + IdxKind.LABELS.headerBytes()
                : "an IDX " + kind.noun() + " header needs " + kind.headerBytes();
        throw new IdxFormatException(String.format("%s is too short: it has only %d bytes, %s", in.name(), have,
                needs));
    }

    private static IdxKind checkMagic(String name, int magic, byte[] bytes, IdxKind expected)
            throws IdxFormatException {
        IdxKind found = IdxKind.ofMagic(magic);
        if (found != null && (expected == null || found == expected)) {
            return found;
        }
        if (found != null) {
            // The most common mistake: image and label file swapped in the dialog.
            throw new IdxFormatException(String.format("%s is %s, but %s was expected here (were the image "
                    + "and label files swapped?)", name, found.describe(), expected.describe()));
        }
        String what;
        if ((magic >>> 16) != 0) {
            what = String.format("is not an IDX file: it starts with bytes %02x %02x %02x %02x, while IDX files "
                    + "start with 00 00", bytes[0], bytes[1], bytes[2], bytes[3]);
        } else {
            int type = (magic >>> 8) & 0xff;
            int dims = magic & 0xff;
            what = String.format("has IDX magic number 0x%08X (%s, %d dimension%s), which is not supported",
                    magic, typeName(type), dims, dims == 1 ? "" : "s");
        }
        throw new IdxFormatException(name + " " + what + "; expected " + describeExpected(expected));
    }

    private static String describeExpected(IdxKind expected) {
        if (expected != null) {
            return expected.describe();
        }
        return IdxKind.IMAGES.describe() + " or " + IdxKind.LABELS.describe();
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x08 -> "unsigned bytes";
            case 0x09 -> "signed bytes";
            case 0x0B -> "16-bit integers";
            case 0x0C -> "32-bit integers";
            case 0x0D -> "32-bit floats";
            case 0x0E -> "64-bit floats";
            default -> String.format("unknown data type 0x%02X", type);
        };
    }

    private static void checkDimensions(String name, IdxKind kind, int count, int rows, int cols)
            throws IdxFormatException {
        // IDX sizes are 32-bit; a "negative" one is a size above 2^31, which no real data set has.
        if (count < 0) {
            throw new IdxFormatException(String.format("%s has an impossible %s count in its header: %,d",
                    name, kind.noun(), Integer.toUnsignedLong(count)));
        }
        if (count == 0) {
            throw new IdxFormatException(name + " contains no " + kind.pluralNoun() + " (its header count is 0)");
        }
        if (kind != IdxKind.IMAGES) {
            return;
        }
        if (rows <= 0 || cols <= 0 || rows > MAX_SIDE || cols > MAX_SIDE
                || (long) rows * cols > MAX_PIXELS_PER_IMAGE) {
            throw new IdxFormatException(String.format("%s has an implausible image size in its header: %dx%d "
                    + "(rows and columns must be between 1 and %,d, at most %,d pixels per image)", name,
                    Integer.toUnsignedLong(rows), Integer.toUnsignedLong(cols), MAX_SIDE, MAX_PIXELS_PER_IMAGE));
        }
    }

    /** For uncompressed files the size on disk must match the header exactly. */
    private static void checkRawLength(String name, IdxHeader header, long available) throws IdxFormatException {
        long expected = header.dataBytes();
        if (available < expected) {
            throw IdxBodyReader.truncated(name, header, available);
        }
        if (available > expected) {
            throw new IdxFormatException(String.format("%s has %,d bytes more than its header describes: header "
                    + "says %s (%,d bytes) but %,d bytes follow it. The file is damaged or not an IDX file.",
                    name, available - expected, header.describe(), expected, available));
        }
    }
}
