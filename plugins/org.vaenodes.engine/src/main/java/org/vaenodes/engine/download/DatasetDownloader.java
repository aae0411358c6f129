package org.vaenodes.engine.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Downloads MNIST and Fashion-MNIST files into a cache directory, verified against pinned sizes and SHA-256 digests.
 *
 * <ul>
 * <li><b>Cache</b>: {@code <cacheDir>/<dataset>/<original file name>}, e.g.
 * {@code ~/.vaenodes/datasets/fashion-mnist/train-images-idx3-ubyte.gz}. The default cache directory is
 * {@code ~/.vaenodes/datasets} ({@code user.home}), or the value of the system property
 * {@value #CACHE_DIR_PROPERTY}. A cached file is used only if its size and SHA-256 are the pinned ones; otherwise it
 * is deleted and downloaded again.</li>
 * <li><b>Atomic</b>: bytes go to a hidden temp file ({@code .<name>.<random>.part}) in the same directory, are
 * checked (size and SHA-256) and only then moved over the final name ({@code ATOMIC_MOVE, REPLACE_EXISTING}). On a
 * digest mismatch, a short or long body, an HTTP error, an I/O error, a timeout or a cancel the temp file is deleted:
 * a partial or corrupt file never appears under the final name.</li>
 * <li><b>Mirrors</b>: tried in order (MNIST: Google's CVDF bucket, then PyTorch's S3 mirror); the system property of
 * {@link RemoteDataset#mirrorProperty()} replaces them with one base URL. Digests are pinned whatever the mirror.</li>
 * <li><b>Timeouts</b>: connect and read timeouts of the {@link HttpFetcher}; the read timeout also bounds silence
 * during the body (a watchdog closes a stalled stream).</li>
 * <li><b>Cancel</b>: {@code cancelled} is polled while waiting and between chunks; a cancel ends with a
 * {@link DownloadCancelledException} and nothing cached.</li>
 * </ul>
 * Instances are thread-safe; two threads asking for the same file in one JVM download it once. Two JVMs sharing a
 * cache may both download, which is harmless (each moves a verified file atomically).
 */
public final class DatasetDownloader {

    /** System property overriding the default cache directory. */
    public static final String CACHE_DIR_PROPERTY = "vaenodes.datasets.dir";

    private static final Logger LOG = Logger.getLogger(DatasetDownloader.class.getName());
    private static final int CHUNK = 64 * 1024;
    private static final long WATCHDOG_PERIOD_MS = 100;
    private static final Duration STALE_PART_AGE = Duration.ofHours(6);
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "VAE-Nodes download watchdog");
        t.setDaemon(true);
        return t;
    });

    private final Path cacheDir;
    private final HttpFetcher fetcher;
    private final Map<RemoteDataset, DatasetSource> sources;

    /** Default cache directory and {@link HttpFetcher#defaults()}. */
    public DatasetDownloader() {
        this(defaultCacheDir(), HttpFetcher.defaults());
    }

    /** Built-in mirrors (or the mirror system properties) and pinned digests. */
    public DatasetDownloader(Path cacheDir, HttpFetcher fetcher) {
        this(cacheDir, fetcher, Map.of());
    }

    /**
     * @param cacheDir  the cache directory (created when needed)
     * @param fetcher   how to fetch
     * @param overrides sources replacing the built-in ones for some data sets (tests, intranet mirrors); data sets
     *                  not in the map use the built-in source, or the mirror system property when set
     */
    public DatasetDownloader(Path cacheDir, HttpFetcher fetcher, Map<RemoteDataset, DatasetSource> overrides) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath().normalize();
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        Objects.requireNonNull(overrides, "overrides");
        Map<RemoteDataset, DatasetSource> m = new EnumMap<>(RemoteDataset.class);
        for (RemoteDataset ds : RemoteDataset.values()) {
            DatasetSource s = overrides.get(ds);
            if (s == null) {
                s = ds.defaultSource();
                String mirror = System.getProperty(ds.mirrorProperty());
                if (mirror != null && !mirror.isBlank()) {
                    s = s.withMirrors(List.of(URI.create(mirror.trim())));
                }
            }
            m.put(ds, s);
        }
        this.sources = m;
    }

    /** {@code ~/.vaenodes/datasets}, or the directory named by the system property {@value #CACHE_DIR_PROPERTY}. */
    public static Path defaultCacheDir() {
        String p = System.getProperty(CACHE_DIR_PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p.trim());
        }
        return Path.of(System.getProperty("user.home"), ".vaenodes", "datasets");
    }

    /** The cache directory (absolute). */
    public Path cacheDir() {
        return cacheDir;
    }

    /** The source (mirrors and pinned files) used for {@code dataset}. */
    public DatasetSource source(RemoteDataset dataset) {
        return sources.get(Objects.requireNonNull(dataset, "dataset"));
    }

    /** Where the file would be cached (it may not exist yet). */
    public Path cachedPath(RemoteDataset dataset, String fileName) {
        return cacheDir.resolve(dataset.cacheSubdir()).resolve(source(dataset).file(fileName).fileName());
    }

    /** The verified, cached image file of {@code part}, downloading it if needed. */
    public Path images(RemoteDataset dataset, Part part, ProgressListener listener, BooleanSupplier cancelled)
            throws IOException {
        return file(dataset, part.imagesFileName(), listener, cancelled);
    }

    /** The verified, cached label file of {@code part}, downloading it if needed. */
    public Path labels(RemoteDataset dataset, Part part, ProgressListener listener, BooleanSupplier cancelled)
            throws IOException {
        return file(dataset, part.labelsFileName(), listener, cancelled);
    }

    /**
     * The verified, cached file {@code fileName} of {@code dataset}, downloading it if it is not cached with the
     * pinned size and SHA-256.
     *
     * @param listener  progress in bytes (may be null)
     * @param cancelled polled during the download (may be null)
     * @throws DownloadCancelledException if cancelled (or the thread interrupted); nothing is cached
     * @throws IOException                if no mirror delivered the right bytes; the message names the URL(s), what
     *                                    was wrong and the cache directory; nothing is cached
     */
    public Path file(RemoteDataset dataset, String fileName, ProgressListener listener, BooleanSupplier cancelled)
            throws IOException {
        DatasetSource source = source(dataset);
        ExpectedFile expected = source.file(fileName);
        ProgressListener l = listener == null ? ProgressListener.NONE : listener;
        BooleanSupplier c = cancelled == null ? () -> false : cancelled;
        Path dir = cacheDir.resolve(dataset.cacheSubdir());
        Path target = dir.resolve(expected.fileName());
        synchronized (LOCKS.computeIfAbsent(target, k -> new Object())) {
            if (Files.exists(target)) {
                String problem = verify(target, expected);
                if (problem == null) {
                    return target;
                }
                LOG.warning(() -> "Cached " + target + " is not the expected file (" + problem
                        + "); deleting it and downloading again");
                deleteCorrupt(target);
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IOException("Cannot create the dataset cache directory " + dir + ": " + e, e);
            }
            removeStaleParts(dir, expected.fileName());
            List<IOException> failures = new ArrayList<>();
            for (URI mirror : source.mirrors()) {
                URI url = mirror.resolve(expected.fileName());
                try {
                    download(url, expected, dir, target, l, c);
                    LOG.info(() -> "Downloaded and verified " + url + " (" + expected.size() + " bytes, SHA-256 "
                            + expected.sha256() + ") into " + target);
                    return target;
                } catch (DownloadCancelledException e) {
                    throw e;
                } catch (IOException e) {
                    LOG.log(Level.WARNING, e.getMessage());
                    failures.add(e);
                }
            }
            if (failures.size() == 1) {
                throw failures.get(0);
            }
            StringBuilder sb = new StringBuilder("Could not download ").append(dataset.displayName()).append(' ')
                    .append(expected.fileName()).append(" from any of ").append(failures.size())
                    .append(" mirrors:");
            for (IOException f : failures) {
                sb.append("\n - ").append(f.getMessage());
            }
            IOException all = new IOException(sb.toString(), failures.get(0));
            failures.subList(1, failures.size()).forEach(all::addSuppressed);
            throw all;
        }
    }

    /** Null if {@code file} has the expected size and SHA-256, else what is wrong. */
    static String verify(Path file, ExpectedFile expected) throws IOException {
        if (!Files.isRegularFile(file)) {
            return "not a regular file";
        }
        long size = Files.size(file);
        if (size != expected.size()) {
            return "size " + size + " bytes, expected " + expected.size();
        }
        String sha = sha256(file);
        return sha.equals(expected.sha256()) ? null : "SHA-256 " + sha + ", expected " + expected.sha256();
    }

    /** Lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = newSha256();
        byte[] buf = new byte[CHUNK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private void download(URI url, ExpectedFile expected, Path dir, Path target, ProgressListener listener,
            BooleanSupplier cancelled) throws IOException {
        String nothing = "; nothing was cached in " + dir;
        checkCancelled(cancelled, url, dir);
        Path tmp = Files.createTempFile(dir, "." + expected.fileName() + ".", ".part");
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
                MessageDigest md = newSha256();
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
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "Could not delete the temporary file " + tmp, e);
                }
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

    private static void deleteCorrupt(Path target) throws IOException {
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw new IOException("The cached file " + target + " is corrupt and cannot be deleted: " + e, e);
        }
    }

    /** Deletes leftovers of downloads of {@code fileName} that died with their JVM. */
    private static void removeStaleParts(Path dir, String fileName) {
        Instant cutoff = Instant.now().minus(STALE_PART_AGE);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "." + fileName + ".*.part")) {
            for (Path p : parts) {
                try {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    LOG.log(Level.FINE, "Could not remove stale " + p, e);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not list " + dir, e);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
