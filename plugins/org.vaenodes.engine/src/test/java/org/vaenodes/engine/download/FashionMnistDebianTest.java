package org.vaenodes.engine.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vaenodes.engine.data.IdxReader;
import org.vaenodes.engine.data.MnistDataset;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.EpochStats;
import org.vaenodes.engine.train.Trainer;
import org.vaenodes.engine.train.TrainingConfig;
import org.vaenodes.engine.train.TrainingData;
import org.vaenodes.engine.train.TrainingResult;

/**
 * Real Fashion-MNIST from Debian's {@code dataset-fashion-mnist} package (files in
 * {@code /usr/share/datasets/fashion-mnist}); skipped with a visible reason when the package is not installed.
 *
 * <p>Debian re-compressed the original .gz files, so their .gz digests differ from the pinned mirror digests; the
 * decompressed content must equal the pinned content digests ({@link ExpectedFile#contentSha256()}).
 */
class FashionMnistDebianTest {

    static final Path DIR = Path.of(System.getProperty("vaenodes.test.fashionmnist.dir",
            "/usr/share/datasets/fashion-mnist"));

    @BeforeAll
    static void requirePackage() {
        List<String> missing = java.util.stream.Stream.of(Part.values())
                .flatMap(p -> java.util.stream.Stream.of(p.imagesFileName(), p.labelsFileName()))
                .filter(f -> !Files.isRegularFile(DIR.resolve(f))).toList();
        Assumptions.assumeTrue(missing.isEmpty(), "dataset-fashion-mnist not installed: " + missing + " missing in "
                + DIR + " (apt-get install dataset-fashion-mnist)");
    }

    @Test
    void debianFilesAreTheRealFashionMnist() throws IOException {
        for (Part part : Part.values()) {
            Path images = DIR.resolve(part.imagesFileName());
            Path labels = DIR.resolve(part.labelsFileName());
            MnistDataset ds = MnistDataset.load(images, labels, IdxReader.ALL);
            int expected = part == Part.TRAIN ? 60_000 : 10_000;
            assertEquals(expected, ds.size(), part + " images");
            assertEquals(28, ds.rows());
            assertEquals(28, ds.cols());
            int[] perClass = new int[10];
            for (int i = 0; i < ds.size(); i++) {
                int l = ds.label(i);
                assertTrue(l >= 0 && l <= 9, "label " + l + " at row " + i);
                perClass[l]++;
            }
            for (int c = 0; c < 10; c++) {
                // Fashion-MNIST is balanced: 6,000 / 1,000 per class
                assertEquals(expected / 10, perClass[c], part + " class " + c);
            }
            assertEquals(RemoteDataset.FASHION_MNIST.images(part).contentSha256(), gunzipSha256(images),
                    images + " does not hold the pinned Fashion-MNIST content");
            assertEquals(RemoteDataset.FASHION_MNIST.labels(part).contentSha256(), gunzipSha256(labels),
                    labels + " does not hold the pinned Fashion-MNIST content");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // against a hang only; the duration is printed, not judged
    void oneShortEpochOnRealFashionMnistTrains() throws IOException {
        int n = 5_000;
        MnistDataset ds = MnistDataset.load(DIR.resolve(Part.TRAIN.imagesFileName()),
                DIR.resolve(Part.TRAIN.labelsFileName()), n);
        float[] x = new float[n * 784];
        for (int i = 0; i < n; i++) {
            ds.images().copyImage(i, x, i * 784, true);
        }
        VaeConfig config = VaeConfig.of(784, new int[] {64}, 2).withImageShape(28, 28);
        long t0 = System.nanoTime();
        TrainingResult r = Trainer.train(config, new TrainingData(x, n, 784, null),
                new TrainingConfig(1, 128, 1e-3, 11, 0.1, 0, false), null, null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        EpochStats e = r.history().get(0);
        System.out.printf("Fashion-MNIST 784-64-2, 1 epoch on %d rows: train -ELBO %.1f, validation -ELBO %.1f, "
                + "%.1f s%n", n, e.trainNegElbo(), e.validationNegElbo(), seconds);
        assertEquals(1, r.history().size());
        assertTrue(Double.isFinite(e.trainNegElbo()) && Double.isFinite(e.validationNegElbo()));
        // an untrained Bernoulli decoder outputs ~0.5 everywhere: 784·ln 2 ≈ 543 nats; one epoch must beat it
        assertTrue(e.validationNegElbo() < 500, "validation -ELBO " + e.validationNegElbo());
    }

    static String gunzipSha256(Path gz) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
            for (int k; (k = in.read(buf)) > 0;) {
                md.update(buf, 0, k);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
