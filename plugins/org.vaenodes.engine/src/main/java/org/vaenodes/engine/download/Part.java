package org.vaenodes.engine.download;

/** The split of a remote data set: the 60,000 training or the 10,000 test images of MNIST and Fashion-MNIST. */
public enum Part {
    TRAIN("train"),
    TEST("t10k");

    private final String filePrefix;

    Part(String filePrefix) {
        this.filePrefix = filePrefix;
    }

    /** Original name of the gzip-compressed image file, e.g. {@code train-images-idx3-ubyte.gz}. */
    public String imagesFileName() {
        return filePrefix + "-images-idx3-ubyte.gz";
    }

    /** Original name of the gzip-compressed label file, e.g. {@code t10k-labels-idx1-ubyte.gz}. */
    public String labelsFileName() {
        return filePrefix + "-labels-idx1-ubyte.gz";
    }
}
