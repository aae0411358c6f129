package org.vaenodes.engine.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.ZipException;

import org.vaenodes.engine.io.MemoryBudget;

/**
 * Reads the data that follows a validated IDX header, sizing allocations by what the file holds or what the heap
 * can spare, never by the header alone.
 * <p>
 * For uncompressed files {@link IdxHeaderParser} has already compared the header with the file length, so the
 * exact array can be allocated at once. For gzip streams the decompressed length is unknown: if the header's size
 * fits a quarter of the heap still free, the array is allocated at that size at once (a lying header then costs that
 * much memory for as long as the stream takes to end, and a clear "truncated" message); otherwise the data is read
 * in chunks into a buffer that grows (doubling, starting at {@value #FIRST_CHUNK} bytes) only as real bytes arrive:
 * a 50-byte file whose header claims 10^9 images costs one small buffer, not an {@link OutOfMemoryError}. (Growing
 * by doubling left 63 MB of garbage behind for Fashion-MNIST's 47 MB of training images, which the heap then kept.)
 */
final class IdxBodyReader {

    /** First buffer size for streams of unknown length. */
    static final int FIRST_CHUNK = 1 << 20;

    /** Largest byte array the JVM reliably allocates. */
    static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private static final int SKIP_BUFFER = 64 * 1024;

    private IdxBodyReader() {
    }

    /**
     * Reads the first {@code items} items (images or labels) after the header.
     * <p>
     * When all items are read from a gzip stream, trailing data is reported as an error, as it is for raw files;
     * when fewer are read, the rest is deliberately not inspected: stopping early is the point of a limit.
     */
    static byte[] read(IdxInput in, IdxHeader header, int items) throws IOException {
        long needed = (long) items * header.itemBytes();
        if (needed > MAX_ARRAY_BYTES) {
            if (in.gzipped()) {
                // Tell a lying header (truncated file) apart from a genuinely huge file before complaining
                // about size: streaming through the data costs time but no memory.
                long available = skipUpTo(in, header, needed);
                if (available < needed) {
                    throw truncated(in.name(), header, available);
                }
            }
            throw new IdxFormatException(String.format("%s: %,d %s of %s need %,d bytes, more than can be held "
                    + "in memory at once (at most %,d). Read fewer rows.", in.name(), items,
                    header.kind().pluralNoun(), sizeOf(header), needed, MAX_ARRAY_BYTES));
        }
        int target = (int) needed;
        // a gzip stream's length shows only as it is read: the header's size is taken at its word when it fits a
        // quarter of the heap still free (one allocation, no garbage), else the buffer grows as the bytes arrive
        boolean sizeKnown = in.rawLength() >= 0 || target <= MemoryBudget.heapShare();
        byte[] buffer = new byte[sizeKnown ? target : Math.min(target, FIRST_CHUNK)];
        int filled = 0;
        while (filled < target) {
            if (filled == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(target, 2L * buffer.length));
            }
            int r = readSome(in, header, buffer, filled, buffer.length - filled, filled);
            if (r < 0) {
                throw truncated(in.name(), header, filled);
            }
            filled += r;
        }
        if (in.gzipped() && items == header.count() && readSome(in, header, new byte[1], 0, 1, filled) > 0) {
            throw new IdxFormatException(String.format("%s has more data than its header describes: header says "
                    + "%s (%,d bytes) but the decompressed file is longer. The file is damaged or not an IDX file.",
                    in.name(), header.describe(), header.dataBytes()));
        }
        return buffer;
    }

    /** Consumes up to {@code limit} data bytes and returns how many there were. */
    private static long skipUpTo(IdxInput in, IdxHeader header, long limit) throws IOException {
        byte[] scratch = new byte[SKIP_BUFFER];
        long total = 0;
        while (total < limit) {
            int r = readSome(in, header, scratch, 0, (int) Math.min(scratch.length, limit - total), total);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }

    /** One read; a gzip stream that stops mid-block (EOFException) counts as truncated, garbage as corrupt. */
    private static int readSome(IdxInput in, IdxHeader header, byte[] b, int off, int len, long soFar)
            throws IOException {
        InputStream data = in.data();
        try {
            return data.read(b, off, len);
        } catch (EOFException e) {
            throw new IdxFormatException(String.format("%s is truncated: the gzip stream ends unexpectedly after "
                    + "%,d bytes of data (header says %s, %,d bytes)", in.name(), soFar, header.describe(),
                    header.dataBytes()), e);
        } catch (ZipException e) {
            throw new IdxFormatException(String.format("%s is not a valid gzip file, its compressed data is "
                    + "corrupt: %s", in.name(), IdxInput.reason(e)), e);
        }
    }

    /** The message for "header promises more data than the file has"; shared with the raw-length check. */
    static IdxFormatException truncated(String name, IdxHeader header, long available) {
        String what = header.kind() == IdxKind.IMAGES ? "pixel" : "label";
        return new IdxFormatException(String.format("%s is truncated: header says %s (%,d bytes of %s data) but "
                + "only %,d bytes of %s data follow", name, header.describe(), header.dataBytes(), what, available,
                what));
    }

    private static String sizeOf(IdxHeader header) {
        return header.kind() == IdxKind.IMAGES ? header.rows() + "x" + header.cols() : "1 byte";
    }
}
