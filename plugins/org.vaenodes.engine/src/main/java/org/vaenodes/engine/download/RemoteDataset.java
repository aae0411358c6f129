package org.vaenodes.engine.download;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data sets the engine can download, with their public mirrors and PINNED sizes and SHA-256 digests.
 *
 * <h2>Where the pinned values come from</h2>
 * <ul>
 * <li><b>MNIST</b> (.gz as served by {@code storage.googleapis.com/cvdf-datasets/mnist/}, the mirror TensorFlow
 * uses): size and SHA-256 from TensorFlow Datasets' checksum file
 * {@code tensorflow_datasets/url_checksums/mnist.txt} (github.com/tensorflow/datasets, "url size sha256" lines).
 * The same four digests are listed for the PyTorch mirror {@code ossci-datasets.s3.amazonaws.com/mnist/} and for
 * the original yann.lecun.com files by several independent projects (e.g. Guild AI's MNIST resource definition),
 * so both mirrors serve byte-identical files. The content digests (decompressed IDX) come from a public download
 * script that checks both digests (they are informational here).</li>
 * <li><b>Fashion-MNIST</b> (.gz as served by {@code fashion-mnist.s3-website.eu-central-1.amazonaws.com/}): size
 * and SHA-256 from TensorFlow Datasets' {@code tensorflow_datasets/url_checksums/fashion_mnist.txt}; the same
 * digests are pinned by other independent projects (e.g. a Keras-style loader, and tables that also list
 * Zalando's published MD5 sums next to them). The content digests (decompressed IDX) were computed here from
 * Debian's package {@code dataset-fashion-mnist} 0.0~git20200523.55506a9-1 and agree with digests published
 * independently for Zalando's GitHub copy; Debian re-compressed the files (its .gz digests differ from the
 * mirror's) but the data is identical.</li>
 * </ul>
 * The digests were NOT checked against the live mirrors from this build machine (it has no internet access); a
 * mirror that ever serves different bytes fails closed with a message naming both digests.
 */
public enum RemoteDataset {

    MNIST("MNIST", "mnist", "vaenodes.mnist.mirror",
            List.of(URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"),
                    URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/")),
            // tensorflow/datasets url_checksums/mnist.txt
            new ExpectedFile("train-images-idx3-ubyte.gz", 9_912_422L,
                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new ExpectedFile("train-labels-idx1-ubyte.gz", 28_881L,
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new ExpectedFile("t10k-images-idx3-ubyte.gz", 1_648_877L,
                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new ExpectedFile("t10k-labels-idx1-ubyte.gz", 4_542L,
                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")),

    FASHION_MNIST("Fashion-MNIST", "fashion-mnist", "vaenodes.fashionmnist.mirror",
            List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
            // tensorflow/datasets url_checksums/fashion_mnist.txt; content digest: Debian's
            // dataset-fashion-mnist, decompressed, computed here
            new ExpectedFile("train-images-idx3-ubyte.gz", 26_421_880L,
                    "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                    "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new ExpectedFile("train-labels-idx1-ubyte.gz", 29_515L,
                    "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                    "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new ExpectedFile("t10k-images-idx3-ubyte.gz", 4_422_102L,
                    "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                    "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new ExpectedFile("t10k-labels-idx1-ubyte.gz", 5_148L,
                    "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                    "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

    private final String displayName;
    private final String cacheSubdir;
    private final String mirrorProperty;
    private final DatasetSource defaultSource;

    RemoteDataset(String displayName, String cacheSubdir, String mirrorProperty, List<URI> mirrors,
            ExpectedFile... files) {
        this.displayName = displayName;
        this.cacheSubdir = cacheSubdir;
        this.mirrorProperty = mirrorProperty;
        this.defaultSource = new DatasetSource(mirrors, byFileName(files));
    }

    /** The pins keyed by their own file names, so each name is written once; a name pinned twice is a mistake. */
    private static Map<String, ExpectedFile> byFileName(ExpectedFile... files) {
        Map<String, ExpectedFile> byName = new HashMap<>();
        for (ExpectedFile f : files) {
            if (byName.put(f.fileName(), f) != null) {
                throw new IllegalArgumentException("Two pins for " + f.fileName());
            }
        }
        return byName;
    }

    /** Human-readable name ("MNIST", "Fashion-MNIST"). */
    public String displayName() {
        return displayName;
    }

    /** Sub-directory of the cache directory holding this data set's files ("mnist", "fashion-mnist"). */
    public String cacheSubdir() {
        return cacheSubdir;
    }

    /**
     * System property that, when set, replaces the built-in mirror list with one base URL (e.g.
     * {@code -Dvaenodes.mnist.mirror=https://intranet.example/mnist/}); the pinned digests still apply.
     */
    public String mirrorProperty() {
        return mirrorProperty;
    }

    /** The built-in mirrors (in order of preference) and pinned files. */
    public DatasetSource defaultSource() {
        return defaultSource;
    }

    /** The pinned expectation for the image file of {@code part}. */
    public ExpectedFile images(Part part) {
        return defaultSource.file(part.imagesFileName());
    }

    /** The pinned expectation for the label file of {@code part}. */
    public ExpectedFile labels(Part part) {
        return defaultSource.file(part.labelsFileName());
    }
}
