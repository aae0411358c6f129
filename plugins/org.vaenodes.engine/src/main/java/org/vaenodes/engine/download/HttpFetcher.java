package org.vaenodes.engine.download;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

/**
 * Opens HTTP GET requests for {@link DatasetDownloader}. The JDK implementation ({@link #jdk}) is the one to use;
 * the interface exists so the downloader does not depend on how bytes are fetched.
 */
public interface HttpFetcher {

    /** Default time to establish a connection. */
    Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);

    /** Default longest wait for the response headers and, during the body, for the next bytes. */
    Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Sends a GET request and returns as soon as the status line and headers have arrived.
     *
     * @throws IOException          if the server cannot be reached or does not answer within the timeouts
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    Response get(URI uri) throws IOException, InterruptedException;

    /** The longest time without any received bytes before a download is abandoned. */
    Duration readTimeout();

    /** The JDK's {@link java.net.http.HttpClient} with {@link #DEFAULT_CONNECT_TIMEOUT} and {@link #DEFAULT_READ_TIMEOUT}. */
    static HttpFetcher defaults() {
        return jdk(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /** The JDK's {@link java.net.http.HttpClient} with the given timeouts; follows redirects except https → http. */
    static HttpFetcher jdk(Duration connectTimeout, Duration readTimeout) {
        return new JdkHttpFetcher(connectTimeout, readTimeout);
    }

    /**
     * An open response.
     *
     * @param status        HTTP status code
     * @param contentLength value of the Content-Length header, or -1 if absent
     * @param body          the response body; close it (or the response) when done
     */
    record Response(int status, long contentLength, InputStream body) implements Closeable {

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
