package org.knime.core.data.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipInputStream;

/** Input stream whose close() does not close the underlying stream (shim). */
public class NonClosableInputStream extends InputStream {

    private final InputStream m_in;

    public NonClosableInputStream(final InputStream inStream) {
        m_in = inStream;
    }

    @Override
    public int available() throws IOException {
        return m_in.available();
    }

    @Override
    public void close() throws IOException {
        // deliberately keeps the underlying stream open
    }

    @Override
    public int read() throws IOException {
        return m_in.read();
    }

    @Override
    public int read(final byte[] b, final int off, final int len) throws IOException {
        return m_in.read(b, off, len);
    }

    @Override
    public long skip(final long n) throws IOException {
        return m_in.skip(n);
    }

    public final InputStream getUnderlyingStream() {
        return m_in;
    }

    /** Closing closes the current zip entry only. */
    public static final class Zip extends NonClosableInputStream {

        public Zip(final ZipInputStream zipIn) {
            super(zipIn);
        }

        @Override
        public void close() throws IOException {
            ((ZipInputStream)getUnderlyingStream()).closeEntry();
        }
    }
}
