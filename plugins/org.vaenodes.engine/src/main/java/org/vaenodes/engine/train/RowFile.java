package org.vaenodes.engine.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Training rows kept in a file instead of the heap, for data larger than memory: a 24-byte header ("VAEROWS1",
 * int32 width, int32 rows, int32 1 if labelled else 0, int32 reserved), then each row as {@code width} float32
 * values followed by its int32 class index if labelled, all little-endian. Rows are read by position, so the
 * {@link Trainer} can read them in any chunk order; the header is checked against the file's size when it is opened.
 */
public final class RowFile implements TrainingRows, AutoCloseable {

    private static final byte[] MAGIC = "VAEROWS1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = 24;
    /** Bytes read per call while copying rows out; bounds the buffer whatever the chunk size. */
    private static final int READ_BYTES = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final int width;
    private final int rows;
    private final boolean labelled;
    private final int rowBytes;
    private final ByteBuffer buffer;

    private RowFile(Path path, FileChannel channel, int width, int rows, boolean labelled) {
        this.path = path;
        this.channel = channel;
        this.width = width;
        this.rows = rows;
        this.labelled = labelled;
        this.rowBytes = width * Float.BYTES + (labelled ? Integer.BYTES : 0);
        this.buffer = ByteBuffer.allocate(Math.max(rowBytes, (READ_BYTES / rowBytes) * rowBytes))
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Opens a file written by {@link Writer}.
     *
     * @throws IOException naming the file if it is not a row file or its size differs from what its header claims
     */
    public static RowFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (h.hasRemaining() && ch.read(h, h.position()) > 0) {
                // read the whole header
            }
            h.flip();
            byte[] magic = new byte[MAGIC.length];
            if (h.remaining() < HEADER_BYTES || !java.util.Arrays.equals(magic(h, magic), MAGIC)) {
                throw new IOException(path + " is not a VAE Nodes row file (no VAEROWS1 header)");
            }
            int width = h.getInt();
            int rows = h.getInt();
            int flag = h.getInt();
            if (width < 1 || rows < 0 || (flag != 0 && flag != 1)) {
                throw new IOException(path + ": invalid row file header (width " + width + ", rows " + rows
                        + ", labelled " + flag + ")");
            }
            long expected = HEADER_BYTES + (long) rows * ((long) width * Float.BYTES + (flag == 1 ? Integer.BYTES : 0));
            if (ch.size() != expected) {
                throw new IOException(path + ": the header claims " + rows + " rows of " + width + " values ("
                        + expected + " bytes) but the file has " + ch.size() + " bytes");
            }
            return new RowFile(path, ch, width, rows, flag == 1);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static byte[] magic(ByteBuffer h, byte[] into) {
        h.get(into);
        return into;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public boolean labelled() {
        return labelled;
    }

    /** The file's path. */
    public Path path() {
        return path;
    }

    @Override
    public synchronized void read(int first, int count, float[] values, int[] labels, int at) throws IOException {
        if (first < 0 || count < 0 || (long) first + count > rows) {
            throw new IndexOutOfBoundsException("Rows " + first + " … " + ((long) first + count - 1) + " of " + rows);
        }
        long pos = HEADER_BYTES + (long) first * rowBytes;
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, buffer.capacity() / rowBytes);
            buffer.clear().limit(n * rowBytes);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, pos + buffer.position()) < 0) {
                    throw new IOException(path + " ended early at row " + (first + done));
                }
            }
            buffer.flip();
            for (int r = 0; r < n; r++) {
                int row = at + done + r;
                buffer.asFloatBuffer().get(values, row * width, width);
                buffer.position(buffer.position() + width * Float.BYTES);
                if (labelled) {
                    int label = buffer.getInt();
                    if (labels != null) {
                        labels[row] = label;
                    }
                }
            }
            pos += (long) n * rowBytes;
            done += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Writes a row file one row at a time (e.g. while a table is read), never holding more than a buffer. */
    public static final class Writer implements AutoCloseable {
        private final Path path;
        private final FileChannel channel;
        private final int width;
        private final boolean labelled;
        private final ByteBuffer buffer;
        private int rows;

        /** Creates (or replaces) {@code path} for rows of {@code width} values, with class indices if labelled. */
        public Writer(Path path, int width, boolean labelled) throws IOException {
            if (width < 1) {
                throw new IllegalArgumentException("Rows need at least one value, not " + width);
            }
            this.path = path;
            this.width = width;
            this.labelled = labelled;
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            int rowBytes = width * Float.BYTES + (labelled ? Integer.BYTES : 0);
            this.buffer = ByteBuffer.allocate(Math.max(rowBytes, (READ_BYTES / rowBytes) * rowBytes))
                    .order(ByteOrder.LITTLE_ENDIAN);
            channel.write(header(0), 0);
            channel.position(HEADER_BYTES);
        }

        /** Appends one row: values[offset … offset + width), and its class index (ignored unless labelled). */
        public void append(float[] values, int offset, int label) throws IOException {
            if (rows == Integer.MAX_VALUE) {
                throw new IOException(path + ": a row file holds at most " + Integer.MAX_VALUE + " rows");
            }
            if (buffer.remaining() < width * Float.BYTES + Integer.BYTES) {
                flush();
            }
            buffer.asFloatBuffer().put(values, offset, width);
            buffer.position(buffer.position() + width * Float.BYTES);
            if (labelled) {
                buffer.putInt(label);
            }
            rows++;
        }

        /** Rows appended so far. */
        public int rows() {
            return rows;
        }

        private void flush() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        private ByteBuffer header(int count) {
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            h.put(MAGIC).putInt(width).putInt(count).putInt(labelled ? 1 : 0).putInt(0).flip();
            return h;
        }

        /** Writes the remaining rows and the final header. */
        @Override
        public void close() throws IOException {
            try {
                flush();
                ByteBuffer h = header(rows);
                while (h.hasRemaining()) {
                    channel.write(h, h.position());
                }
            } finally {
                channel.close();
            }
        }
    }
}
