package org.vaenodes.engine.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One file from one URL into the cache, for {@link DatasetDownloader}: a GET through the {@link HttpFetcher}, the
 * body written to a part file (see {@link CacheFiles}) and digested on the way, size and SHA-256 compared with the
 * pin, and only then the part moved over the final name. While the body is read, a watchdog thread closes the
 * stream when the caller cancels or no bytes came for the fetcher's read timeout, so a read blocked on a stalled
 * server ends too. Whatever goes wrong, the part is deleted, so nothing is cached; a failed request, HTTP error,
 * wrong size or digest, break-off or timeout is reported with the URL and the cache directory, and a cancel or
 * interrupt is a {@link DownloadCancelledException}. Trying other mirrors, locking and the cache check are the
 * downloader's.
 */
final class HttpTransfer {

    private static final int CHUNK = 64 * 1024;
    private static final long WATCHDOG_PERIOD_MS = 100;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "VAE-Nodes download watchdog");
        t.setDaemon(true);
        return t;
    });

    private final HttpFetcher fetcher;

    HttpTransfer(HttpFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /**
     * Downloads {@code url} and moves the verified bytes to {@code target} in {@code dir}.
     *
     * @throws DownloadCancelledException if cancelled (or the thread interrupted); nothing is cached
     * @throws IOException                if the request, the transfer or writing the file failed, or the bytes
     *                                    are not the pinned ones; nothing is cached
     */
    void download(URI url, ExpectedFile expected, Path dir, Path target, ProgressListener listener,
            BooleanSupplier cancelled) throws IOException {
        String nothing = "; nothing was cached in " + dir;
        checkCancelled(cancelled, url, dir);
        Path tmp = CacheFiles.newPart(dir, expected.fileName());
        boolean moved = false;
        try {
            HttpFetcher.Response response;
            try {
                response = fetcher.get(url);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadCancelledException("Download of " + url + " was interrupted" + nothing);
            } catch (HttpConnectTimeoutException e) {
                throw new IOException("Could not connect to " + url + " (connect timeout): " + e.getMessage()
                        + nothing, e);
            } catch (HttpTimeoutException e) {
                throw new IOException("No answer from " + url + " within " + fetcher.readTimeout().toSeconds()
                        + " s (read timeout)" + nothing, e);
            } catch (IOException e) {
                throw new IOException("Could not download " + url + ": " + describe(e) + nothing, e);
            }
            String sha;
            long received;
            try (HttpFetcher.Response r = response) {
                if (r.status() != 200) {
                    throw new IOException("Download of " + url + " failed: HTTP status " + r.status() + nothing);
                }
                if (r.contentLength() >= 0 && r.contentLength() != expected.size()) {
                    throw new IOException(expected.fileName() + " at " + url + " has " + r.contentLength()
                            + " bytes, expected " + expected.size() + "; the file was not downloaded" + nothing);
                }
                MessageDigest md = CacheFiles.newSha256();
                received = copy(r.body(), tmp, md, url, expected, dir, listener, cancelled);
                sha = HexFormat.of().formatHex(md.digest());
            }
            if (received != expected.size()) {
                throw new IOException("Download of " + url + " is incomplete: received " + received + " of "
                        + expected.size() + " bytes; the partial file was discarded" + nothing);
            }
            if (!sha.equals(expected.sha256())) {
                throw new IOException(expected.fileName() + " downloaded from " + url + " has SHA-256 " + sha
                        + ", expected " + expected.sha256() + "; the file was discarded, nothing was cached in "
                        + dir);
            }
            checkCancelled(cancelled, url, dir);
            CacheFiles.moveIntoPlace(tmp, target);
            moved = true;
        } finally {
            if (!moved) {
                CacheFiles.discardPart(tmp);
            }
        }
    }

    /** Copies the body into {@code tmp}, digesting it; returns the byte count. */
    private long copy(InputStream body, Path tmp, MessageDigest md, URI url, ExpectedFile expected, Path dir,
            ProgressListener listener, BooleanSupplier cancelled) throws IOException {
        String nothing = "; nothing was cached in " + dir;
        AtomicLong lastData = new AtomicLong(System.nanoTime());
        AtomicBoolean cancelSeen = new AtomicBoolean();
        AtomicBoolean timedOut = new AtomicBoolean();
        long timeoutNanos = fetcher.readTimeout().toNanos();
        ScheduledFuture<?> watchdog = WATCHDOG.scheduleAtFixedRate(() -> {
            boolean c;
            try {
                c = cancelled.getAsBoolean();
            } catch (RuntimeException e) {
                c = false;
            }
            if (c) {
                cancelSeen.set(true);
            } else if (System.nanoTime() - lastData.get() > timeoutNanos) {
                timedOut.set(true);
            } else {
                return;
            }
            try {
                body.close(); // unblocks a read stuck on a stalled server
            } catch (IOException | RuntimeException e) {
                // the reading thread reports the outcome
            }
        }, WATCHDOG_PERIOD_MS, WATCHDOG_PERIOD_MS, TimeUnit.MILLISECONDS);
        long count = 0;
        byte[] buf = new byte[CHUNK];
        try (var out = Files.newOutputStream(tmp)) {
            while (true) {
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    cancelSeen.set(true);
                    break;
                }
                int n;
                try {
                    n = body.read(buf);
                } catch (IOException e) {
                    if (cancelSeen.get() || timedOut.get()) {
                        break;
                    }
                    throw new IOException("Download of " + url + " broke off after " + count + " of "
                            + expected.size() + " bytes (" + describe(e) + ")" + nothing, e);
                }
                if (n < 0) {
                    break;
                }
                lastData.set(System.nanoTime());
                count += n;
                if (count > expected.size()) {
                    throw new IOException(url + " sent more than the expected " + expected.size() + " bytes of "
                            + expected.fileName() + "; the file was discarded" + nothing);
                }
                md.update(buf, 0, n);
                out.write(buf, 0, n);
                listener.progress(expected.fileName(), count, expected.size());
            }
        } finally {
            watchdog.cancel(false);
        }
        if (cancelSeen.get() || Thread.currentThread().isInterrupted()) {
            throw new DownloadCancelledException("Download of " + url + " was cancelled after " + count + " of "
                    + expected.size() + " bytes" + nothing);
        }
        if (timedOut.get()) {
            throw new IOException("Download of " + url + " stalled: no data for "
                    + fetcher.readTimeout().toSeconds() + " s (read timeout) after " + count + " of "
                    + expected.size() + " bytes" + nothing);
        }
        return count;
    }

    private static void checkCancelled(BooleanSupplier cancelled, URI url, Path dir)
            throws DownloadCancelledException {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new DownloadCancelledException("Download of " + url + " was cancelled; nothing was cached in "
                    + dir);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
    }
}
