package org.vaenodes.engine.download;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>This class picks the source, takes the per-file lock, serves a verified cached file and otherwise tries the
 * mirrors in turn. The transfer from one URL (watchdog, cancel, checks, atomic move) is done by {@code HttpTransfer};
 * the files on disk (verification, part files, stale leftovers) are handled by {@code CacheFiles}.
 */
public final class DatasetDownloader {

    /** System property overriding the default cache directory. */
    public static final String CACHE_DIR_PROPERTY = "vaenodes.datasets.dir";

    private static final Logger LOG = Logger.getLogger(DatasetDownloader.class.getName());
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    private final Path cacheDir;
    private final HttpTransfer transfer;
    private final Map<RemoteDataset, DatasetSource> sources;

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
        this.transfer = new HttpTransfer(Objects.requireNonNull(fetcher, "fetcher"));
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

    /** The source (mirrors and pinned files) used for {@code dataset}. */
    public DatasetSource source(RemoteDataset dataset) {
        return sources.get(Objects.requireNonNull(dataset, "dataset"));
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
                String problem = CacheFiles.verify(target, expected);
                if (problem == null) {
                    return target;
                }
                LOG.warning(() -> "Cached " + target + " is not the expected file (" + problem
                        + "); deleting it and downloading again");
                CacheFiles.deleteCorrupt(target);
            }
            CacheFiles.createDirectory(dir);
            CacheFiles.removeStaleParts(dir, expected.fileName());
            List<IOException> failures = new ArrayList<>();
            for (URI mirror : source.mirrors()) {
                URI url = mirror.resolve(expected.fileName());
                try {
                    transfer.download(url, expected, dir, target, l, c);
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
}
