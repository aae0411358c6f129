package org.vaenodes.engine.data;

import java.io.IOException;
import java.io.InputStream;

/**
 * The 10,000-digit MNIST sample shipped inside the engine bundle, so a new user's first workflow runs without a
 * download. It is stored as gzip IDX files under {@value #RESOURCE_DIR} at the bundle (jar) root, built by
 * {@code tools/BuildMnistSample.java}; see {@code data/mnist-sample/NOTICE} for its origin and licence.
 */
public final class BuiltInSample {

    /** Class-path folder of the sample files. */
    public static final String RESOURCE_DIR = "/data/mnist-sample/";

    /** Class-path location of the licence and attribution text. */
    public static final String NOTICE_RESOURCE = RESOURCE_DIR + "NOTICE";

    /** Image side length of the sample. */
    public static final int SIDE = 28;

    /** The two parts of the sample, named like the original MNIST files. */
    public enum Split {
        TRAIN("train", 9_000),
        TEST("t10k", 1_000);

        private final String prefix;
        private final int size;

        Split(String prefix, int size) {
            this.prefix = prefix;
            this.size = size;
        }

        /** Number of rows in this split (fixed when the sample was built; a test checks it). */
        public int size() {
            return size;
        }

        /** Class-path resource of the images. */
        public String imagesResource() {
            return RESOURCE_DIR + prefix + "-images-idx3-ubyte.gz";
        }

        /** Class-path resource of the labels. */
        public String labelsResource() {
            return RESOURCE_DIR + prefix + "-labels-idx1-ubyte.gz";
        }
    }

    private BuiltInSample() {
    }

    /** Loads at most {@code maxRows} rows ({@link IdxReader#ALL} for all) of a split, with labels. */
    public static MnistDataset load(Split split, int maxRows) throws IOException {
        IdxImages images;
        try (InputStream in = open(split.imagesResource())) {
            images = IdxReader.readImages(in, split.imagesResource(), maxRows);
        }
        int[] labels;
        try (InputStream in = open(split.labelsResource())) {
            labels = IdxReader.readLabels(in, split.labelsResource(), maxRows);
        }
        // Both are cut to the same limit, so unequal lengths mean the files themselves disagree.
        MnistDataset.checkCounts(split.imagesResource(), images.count(), split.labelsResource(), labels.length);
        return new MnistDataset(images, labels);
    }

    /** Opens a sample resource; fails with a message naming it if the bundle was built without it. */
    static InputStream open(String resource) throws IOException {
        InputStream in = BuiltInSample.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("The built-in MNIST sample file " + resource + " is missing from the class path "
                    + "(the bundle org.vaenodes.engine must include its data/ folder)");
        }
        return in;
    }
}
