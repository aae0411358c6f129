package org.vaenodes.engine.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/** {@link HttpFetcher} on the JDK's {@link HttpClient}. */
final class JdkHttpFetcher implements HttpFetcher {

    private final HttpClient client;
    private final Duration readTimeout;

    JdkHttpFetcher(Duration connectTimeout, Duration readTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("Timeouts must be positive");
        }
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public Response get(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout) // until the response headers arrive; HttpTransfer watches the body
                .header("User-Agent", "VAE-Nodes-for-KNIME dataset downloader")
                .GET()
                .build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
        return new Response(response.statusCode(), length, response.body());
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }
}
