package org.knime.core.data.util;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/** Output stream whose close() only flushes (shim). */
public class NonClosableOutputStream extends OutputStream {

    private final OutputStream m_out;

    public NonClosableOutputStream(final OutputStream out) {
        m_out = out;
    }

    @Override
    public void close() throws IOException {
        m_out.flush();
    }

    @Override
    public void flush() throws IOException {
        m_out.flush();
    }

    @Override
    public void write(final byte[] b, final int off, final int len) throws IOException {
        m_out.write(b, off, len);
    }

    @Override
    public void write(final int b) throws IOException {
        m_out.write(b);
    }

    /** Closing closes the current zip entry only. */
    public static final class Zip extends NonClosableOutputStream {

        private final ZipOutputStream m_zip;

        public Zip(final ZipOutputStream zipOut) {
            super(zipOut);
            m_zip = zipOut;
        }

        @Override
        public void close() throws IOException {
            m_zip.closeEntry();
        }
    }
}
