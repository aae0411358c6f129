package org.vaenodes.engine.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vaenodes.engine.data.IdxImages;
import org.vaenodes.engine.data.IdxWriter;
import org.vaenodes.engine.data.MnistDataset;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The downloader against a loopback HTTP server of our own; never the internet. No test measures time: hangs are
 * caught by {@code @Timeout}, and "cancel is prompt" means the download ended while the server was still stalling
 * (it stalls far longer than any test may take) and no bytes were read after the cancel.
 */
class DatasetDownloaderTest {

    /** How long a stalled response waits unless the test ends it; far beyond every test's {@code @Timeout}. */
    static final long STALL_LIMIT_MINUTES = 5;

    /** A read timeout that can never fire within a test's {@code @Timeout}: only a cancel can end the download. */
    static final Duration NO_READ_TIMEOUT_IN_TIME = Duration.ofMinutes(10);

    /** How the test server answers a path. */
    enum Mode {
        OK, NOT_FOUND, SERVER_ERROR, TRUNCATED_DECLARED, SHORT_BODY, CORRUPT, STALL_HALFWAY
    }

    @TempDir
    Path cache;

    HttpServer server;
    URI base;
    URI secondBase;
    final Map<String, byte[]> content = new ConcurrentHashMap<>();
    final Map<String, Mode> modes = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    final CountDownLatch releaseStall = new CountDownLatch(1);
    /** Stalled responses whose wait ended (released or given up): 0 while every stall is still holding. */
    final AtomicInteger stallsEnded = new AtomicInteger();

    byte[] images;
    byte[] labels;

    @BeforeEach
    void startServer() throws IOException {
        images = gzip(out -> IdxWriter.writeImages(out, randomImages(50, 28, 28, 7)));
        labels = gzip(out -> IdxWriter.writeLabels(out, labels(50)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
        secondBase = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/second/");
        for (String prefix : List.of("/mnist/", "/second/")) {
            content.put(prefix + "train-images-idx3-ubyte.gz", images);
            content.put(prefix + "train-labels-idx1-ubyte.gz", labels);
        }
    }

    @AfterEach
    void stopServer() {
        releaseStall.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
        byte[] body = content.get(path);
        Mode mode = modes.getOrDefault(path, Mode.OK);
        try (ex) {
            if (body == null || mode == Mode.NOT_FOUND) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            switch (mode) {
            case SERVER_ERROR -> ex.sendResponseHeaders(500, -1);
            case OK -> send(ex, body, body.length);
            case CORRUPT -> {
                byte[] bad = body.clone();
                bad[bad.length / 2] ^= 0x5a;
                send(ex, bad, bad.length);
            }
            case SHORT_BODY -> send(ex, java.util.Arrays.copyOf(body, body.length - 10), body.length - 10);
            case TRUNCATED_DECLARED -> {
                // announce the full length, send half, then drop the connection
                ex.sendResponseHeaders(200, body.length);
                OutputStream os = ex.getResponseBody();
                os.write(body, 0, body.length / 2);
                os.flush();
                throw new IOException("test server drops the connection");
            }
            case STALL_HALFWAY -> {
                ex.sendResponseHeaders(200, body.length);
                OutputStream os = ex.getResponseBody();
                os.write(body, 0, body.length / 2);
                os.flush();
                try {
                    releaseStall.await(STALL_LIMIT_MINUTES, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    stallsEnded.incrementAndGet(); // before the exchange closes, so a client sees it counted
                }
                throw new IOException("test server gives up");
            }
            default -> throw new IllegalStateException();
            }
        }
    }

    private static void send(HttpExchange ex, byte[] body, int length) throws IOException {
        ex.sendResponseHeaders(200, length);
        ex.getResponseBody().write(body, 0, length);
    }

    private DatasetSource source(List<URI> mirrors) {
        return new DatasetSource(mirrors, Map.of(
                "train-images-idx3-ubyte.gz", new ExpectedFile("train-images-idx3-ubyte.gz", images.length,
                        sha(images), null),
                "train-labels-idx1-ubyte.gz", new ExpectedFile("train-labels-idx1-ubyte.gz", labels.length,
                        sha(labels), null)));
    }

    private DatasetDownloader downloader(List<URI> mirrors, Duration readTimeout) {
        return new DatasetDownloader(cache, HttpFetcher.jdk(Duration.ofSeconds(5), readTimeout),
                Map.of(RemoteDataset.MNIST, source(mirrors)));
    }

    private DatasetDownloader downloader() {
        return downloader(List.of(base), Duration.ofSeconds(10));
    }

    private int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    private List<Path> filesInCache() throws IOException {
        try (Stream<Path> s = Files.walk(cache)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void firstDownloadCachesAndVerifiesSecondCallDoesNotHitTheServer() throws IOException {
        DatasetDownloader d = downloader();
        AtomicLong lastDone = new AtomicLong();
        AtomicLong total = new AtomicLong();
        Path img = d.images(RemoteDataset.MNIST, Part.TRAIN, (f, done, all) -> {
            assertEquals("train-images-idx3-ubyte.gz", f);
            assertTrue(done >= lastDone.get());
            lastDone.set(done);
            total.set(all);
        }, null);
        Path lab = d.labels(RemoteDataset.MNIST, Part.TRAIN, null, null);
        assertEquals(cache.resolve("mnist").resolve("train-images-idx3-ubyte.gz"), img);
        assertArrayEquals(images, Files.readAllBytes(img));
        assertArrayEquals(labels, Files.readAllBytes(lab));
        assertEquals(images.length, lastDone.get());
        assertEquals(images.length, total.get());
        assertEquals(1, hits("/mnist/train-images-idx3-ubyte.gz"));
        // the files are real IDX data
        MnistDataset ds = MnistDataset.load(img, lab, Integer.MAX_VALUE);
        assertEquals(50, ds.size());
        assertEquals(28, ds.rows());

        Path again = downloader().images(RemoteDataset.MNIST, Part.TRAIN, (f, done, all) -> {
            throw new AssertionError("no download expected");
        }, null);
        assertEquals(img, again);
        assertEquals(1, hits("/mnist/train-images-idx3-ubyte.gz"), "second call must be served from the cache");
        assertEquals(2, filesInCache().size(), "only the two verified files: " + filesInCache());
    }

    @Test
    void checksumMismatchIsAClearErrorAndLeavesNothing() throws IOException {
        modes.put("/mnist/train-images-idx3-ubyte.gz", Mode.CORRUPT);
        IOException e = assertThrows(IOException.class,
                () -> downloader().images(RemoteDataset.MNIST, Part.TRAIN, null, null));
        String m = e.getMessage();
        assertTrue(m.contains("train-images-idx3-ubyte.gz downloaded from " + base + "train-images-idx3-ubyte.gz"
                + " has SHA-256 "), m);
        assertTrue(m.contains("expected " + sha(images)), m);
        assertTrue(m.contains("the file was discarded, nothing was cached in " + cache.resolve("mnist")), m);
        assertEquals(List.of(), filesInCache(), "no file and no temp file may stay");
    }

    @Test
    void pinnedChecksumThatDoesNotMatchTheServerFailsClosed() throws IOException {
        // the server is fine but the pin says otherwise: still nothing cached
        DatasetSource wrongPin = new DatasetSource(List.of(base), Map.of("train-images-idx3-ubyte.gz",
                new ExpectedFile("train-images-idx3-ubyte.gz", images.length, "00".repeat(32), null)));
        DatasetDownloader d = new DatasetDownloader(cache, HttpFetcher.jdk(Duration.ofSeconds(5),
                Duration.ofSeconds(10)), Map.of(RemoteDataset.MNIST, wrongPin));
        IOException e = assertThrows(IOException.class, () -> d.images(RemoteDataset.MNIST, Part.TRAIN, null,
                null));
        assertTrue(e.getMessage().contains("has SHA-256 " + sha(images) + ", expected " + "00".repeat(32)),
                e.getMessage());
        assertEquals(List.of(), filesInCache());
    }

    @Test
    void http404And500AreClearErrorsAndCacheNothing() throws IOException {
        modes.put("/mnist/train-images-idx3-ubyte.gz", Mode.NOT_FOUND);
        IOException e404 = assertThrows(IOException.class,
                () -> downloader().images(RemoteDataset.MNIST, Part.TRAIN, null, null));
        assertTrue(e404.getMessage().contains("Download of " + base + "train-images-idx3-ubyte.gz failed: HTTP "
                + "status 404"), e404.getMessage());
        assertTrue(e404.getMessage().contains("nothing was cached in " + cache.resolve("mnist")),
                e404.getMessage());
        modes.put("/mnist/train-images-idx3-ubyte.gz", Mode.SERVER_ERROR);
        IOException e500 = assertThrows(IOException.class,
                () -> downloader().images(RemoteDataset.MNIST, Part.TRAIN, null, null));
        assertTrue(e500.getMessage().contains("HTTP status 500"), e500.getMessage());
        assertEquals(List.of(), filesInCache());
    }

    @Test
    void truncatedResponsesAreClearErrorsAndCacheNothing() throws IOException {
        modes.put("/mnist/train-images-idx3-ubyte.gz", Mode.TRUNCATED_DECLARED);
        IOException e = assertThrows(IOException.class,
                () -> downloader().images(RemoteDataset.MNIST, Part.TRAIN, null, null));
        System.out.println("truncated download: " + e.getMessage());
        assertTrue(e.getMessage().contains(base + "train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was cached"), e.getMessage());
        assertEquals(List.of(), filesInCache());

        modes.put("/mnist/train-images-idx3-ubyte.gz", Mode.SHORT_BODY);
        IOException e2 = assertThrows(IOException.class,
                () -> downloader().images(RemoteDataset.MNIST, Part.TRAIN, null, null));
        assertTrue(e2.getMessage().contains("has " + (images.length - 10) + " bytes, expected " + images.length),
                e2.getMessage());
        assertEquals(List.of(), filesInCache());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a cancel that is not honoured would wait for the stall
    void cancelMidDownloadCachesNothing() throws IOException {
        modes.put("/mnist/train-images-idx3-ubyte.gz", Mode.STALL_HALFWAY);
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicLong seen = new AtomicLong();
        AtomicInteger progressAfterCancel = new AtomicInteger();
        DownloadCancelledException e = assertThrows(DownloadCancelledException.class,
                () -> downloader(List.of(base), NO_READ_TIMEOUT_IN_TIME).images(RemoteDataset.MNIST, Part.TRAIN,
                        (f, done, all) -> {
                            if (cancel.get()) {
                                progressAfterCancel.incrementAndGet();
                            }
                            seen.set(done);
                            cancel.set(true); // cancel as soon as the first bytes arrived; the server then stalls
                        }, cancel::get));
        assertTrue(seen.get() > 0, "some bytes arrived before the cancel");
        // prompt: not one more chunk after the cancel, and the download ended while the server still stalled
        // (neither the server giving up nor a read timeout ended it)
        assertEquals(0, progressAfterCancel.get(), "chunks read after the cancel");
        assertTrue(e.getMessage().contains("cancelled after " + seen.get() + " of " + images.length + " bytes"),
                e.getMessage());
        assertEquals(0, stallsEnded.get(), "the server stopped stalling before the cancelled download returned");
        assertEquals(List.of(), filesInCache());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a watchdog that ignores the cancel would wait for the stall
    void cancelWhileTheServerStallsIsHonouredByTheWatchdog() throws IOException {
        modes.put("/mnist/train-images-idx3-ubyte.gz", Mode.STALL_HALFWAY);
        int sentBeforeStall = images.length / 2;
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicLong received = new AtomicLong();
        Thread downloading = Thread.currentThread();
        // raises the cancel only once the downloader holds every byte sent before the stall and waits in a read
        // for more: the reading loop cannot see the cancel then, only the watchdog can end that read
        Thread canceller = new Thread(() -> {
            try {
                while (received.get() < sentBeforeStall || !waiting(downloading)) {
                    Thread.sleep(10);
                }
                cancel.set(true);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "test-canceller");
        canceller.setDaemon(true);
        canceller.start();
        DownloadCancelledException e;
        try {
            e = assertThrows(DownloadCancelledException.class, () -> downloader(List.of(base),
                    NO_READ_TIMEOUT_IN_TIME).images(RemoteDataset.MNIST, Part.TRAIN,
                            (f, done, all) -> received.set(done), cancel::get));
        } finally {
            canceller.interrupt();
        }
        assertTrue(cancel.get(), "the download ended before the cancel was raised: " + e.getMessage());
        assertTrue(e.getMessage().contains("cancelled after " + sentBeforeStall + " of " + images.length
                + " bytes"), e.getMessage());
        assertEquals(0, stallsEnded.get(), "the server stopped stalling before the cancelled download returned");
        assertEquals(List.of(), filesInCache());
    }

    /** Whether {@code t} is parked or blocked (a read waiting for data), not running. */
    private static boolean waiting(Thread t) {
        Thread.State s = t.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a read timeout that never fires would wait for the stall
    void stalledServerHitsTheReadTimeout() throws IOException {
        modes.put("/mnist/train-images-idx3-ubyte.gz", Mode.STALL_HALFWAY);
        IOException e = assertThrows(IOException.class, () -> downloader(List.of(base), Duration.ofMillis(600))
                .images(RemoteDataset.MNIST, Part.TRAIN, null, null));
        assertFalse(e instanceof DownloadCancelledException);
        assertTrue(e.getMessage().contains("read timeout"), e.getMessage());
        assertTrue(e.getMessage().contains(base + "train-images-idx3-ubyte.gz"), e.getMessage());
        assertEquals(0, stallsEnded.get(), "the client must give up, not the stalling server");
        assertEquals(List.of(), filesInCache());
    }

    @Test
    void corruptFileInTheCacheIsDetectedAndDownloadedAgain() throws IOException {
        Path target = cache.resolve("mnist").resolve("train-images-idx3-ubyte.gz");
        Files.createDirectories(target.getParent());
        byte[] bad = images.clone();
        bad[20] ^= 1; // same size, different digest
        Files.write(target, bad);
        Path p = downloader().images(RemoteDataset.MNIST, Part.TRAIN, null, null);
        assertEquals(target, p);
        assertArrayEquals(images, Files.readAllBytes(p));
        assertEquals(1, hits("/mnist/train-images-idx3-ubyte.gz"));

        // a truncated cached file, and the server failing: the corrupt file must not survive either
        Files.write(target, java.util.Arrays.copyOf(images, 100));
        modes.put("/mnist/train-images-idx3-ubyte.gz", Mode.SERVER_ERROR);
        assertThrows(IOException.class, () -> downloader().images(RemoteDataset.MNIST, Part.TRAIN, null, null));
        assertEquals(List.of(), filesInCache());
    }

    @Test
    void fallsBackToTheNextMirrorAndReportsAllFailures() throws IOException {
        modes.put("/mnist/train-images-idx3-ubyte.gz", Mode.SERVER_ERROR);
        Path p = downloader(List.of(base, secondBase), Duration.ofSeconds(10)).images(RemoteDataset.MNIST,
                Part.TRAIN, null, null);
        assertArrayEquals(images, Files.readAllBytes(p));
        assertEquals(1, hits("/second/train-images-idx3-ubyte.gz"));

        modes.put("/second/train-labels-idx1-ubyte.gz", Mode.CORRUPT);
        modes.put("/mnist/train-labels-idx1-ubyte.gz", Mode.NOT_FOUND);
        IOException e = assertThrows(IOException.class, () -> downloader(List.of(base, secondBase),
                Duration.ofSeconds(10)).labels(RemoteDataset.MNIST, Part.TRAIN, null, null));
        assertTrue(e.getMessage().contains("from any of 2 mirrors"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP status 404"), e.getMessage());
        assertTrue(e.getMessage().contains("has SHA-256"), e.getMessage());
        assertEquals(List.of(p), filesInCache());
    }

    @Test
    void mirrorSystemPropertyReplacesTheBuiltInMirrors() {
        String key = RemoteDataset.FASHION_MNIST.mirrorProperty();
        String old = System.getProperty(key);
        System.setProperty(key, "http://127.0.0.1:9/fashion");
        try {
            DatasetDownloader d = new DatasetDownloader(cache, HttpFetcher.defaults());
            assertEquals(List.of(URI.create("http://127.0.0.1:9/fashion/")),
                    d.source(RemoteDataset.FASHION_MNIST).mirrors());
            assertEquals(RemoteDataset.MNIST.defaultSource().mirrors(), d.source(RemoteDataset.MNIST).mirrors());
            // pins stay
            assertEquals(RemoteDataset.FASHION_MNIST.defaultSource().files(),
                    d.source(RemoteDataset.FASHION_MNIST).files());
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    @Test
    void builtInPinsAreCompleteAndWellFormed() {
        for (RemoteDataset ds : RemoteDataset.values()) {
            for (Part part : Part.values()) {
                ExpectedFile img = ds.images(part);
                ExpectedFile lab = ds.labels(part);
                assertTrue(img.sha256().matches("[0-9a-f]{64}"));
                assertTrue(lab.contentSha256().matches("[0-9a-f]{64}"));
                assertTrue(img.size() > lab.size());
            }
            assertTrue(ds.defaultSource().mirrors().get(0).toString().endsWith("/"));
        }
        assertEquals(URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
                RemoteDataset.MNIST.defaultSource().mirrors().get(0));
        assertEquals(9_912_422L, RemoteDataset.MNIST.images(Part.TRAIN).size());
        assertEquals(26_421_880L, RemoteDataset.FASHION_MNIST.images(Part.TRAIN).size());
        assertThrows(IllegalArgumentException.class, () -> RemoteDataset.MNIST.defaultSource().file("x.gz"));
        assertTrue(DatasetDownloader.defaultCacheDir().endsWith(Path.of(".vaenodes", "datasets"))
                || System.getProperty(DatasetDownloader.CACHE_DIR_PROPERTY) != null);
    }

    // --- helpers ---

    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    static byte[] gzip(Writer w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            w.write(gz);
        }
        return bytes.toByteArray();
    }

    static IdxImages randomImages(int n, int rows, int cols, long seed) {
        byte[] px = new byte[n * rows * cols];
        new Random(seed).nextBytes(px);
        return new IdxImages(n, rows, cols, px);
    }

    static int[] labels(int n) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i % 10;
        }
        return l;
    }

    static String sha(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
