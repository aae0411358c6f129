package org.vaenodes.engine.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An opened IDX source: the (decompressed) byte stream, the name to use in messages and, for uncompressed
 * files, the true length on disk. Knowing the real length is what lets us reject a lying header before
 * allocating anything.
 * <p>
 * Compression is detected from the gzip magic bytes {@code 1f 8b}, not from the file name: users rename files,
 * and browsers sometimes decompress {@code .gz} downloads while keeping the extension.
 */
final class IdxInput implements Closeable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final String name;
    private final boolean gzipped;
    private final long rawLength;
    private final InputStream data;

    private IdxInput(String name, boolean gzipped, long rawLength, InputStream data) {
        this.name = name;
        this.gzipped = gzipped;
        this.rawLength = rawLength;
        this.data = data;
    }

    /** Opens a file; a missing file or a directory gives a message naming the path. */
    static IdxInput open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IdxFormatException(file + " is a directory, not an IDX file");
        }
        if (!Files.exists(file)) {
            throw new FileNotFoundException("IDX file not found: " + file);
        }
        long size = Files.size(file);
        InputStream in = Files.newInputStream(file);
        try {
            return wrap(in, file.toString(), size);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Wraps a stream of unknown length (e.g. a class-path resource); closing the result closes {@code in}. */
    static IdxInput of(InputStream in, String name) throws IOException {
        return wrap(in, name, -1);
    }

    private static IdxInput wrap(InputStream in, String name, long length) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_BYTES);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 != 0x1f || b1 != 0x8b) {
            return new IdxInput(name, false, length, buffered);
        }
        try {
            // The decompressed length is unknown without inflating everything, so rawLength is -1 and the
            // body reader falls back to reading in growing chunks.
            return new IdxInput(name, true, -1, new GZIPInputStream(buffered, BUFFER_BYTES));
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(name + " starts like a gzip file but its gzip header is damaged or "
                    + "truncated (" + reason(e) + ")", e);
        }
    }

    /** The JDK's gzip exceptions sometimes have no message (e.g. an EOFException in the gzip header). */
    static String reason(IOException e) {
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        return e instanceof EOFException ? "unexpected end of file" : e.getClass().getSimpleName();
    }

    /** Name (usually the path) for messages. */
    String name() {
        return name;
    }

    boolean gzipped() {
        return gzipped;
    }

    /** Length of the uncompressed file on disk, or -1 if unknown (gzip or a plain stream). */
    long rawLength() {
        return rawLength;
    }

    /** The IDX bytes, decompressed if needed. */
    InputStream data() {
        return data;
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}
