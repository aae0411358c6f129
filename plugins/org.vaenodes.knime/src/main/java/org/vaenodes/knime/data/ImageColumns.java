package org.vaenodes.knime.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The column names the nodes give images and their pixels, the same wherever a node writes them (MNIST Reader,
 * VAE Decoder/Sampler, Latent Grid Renderer), so one node's output is the next one's expected input.
 */
public final class ImageColumns {

    /** The class label of a digit. */
    public static final String LABEL = "Label";
    /** A PNG image cell. */
    public static final String IMAGE = "Image";
    /** The pixels as one list cell. */
    public static final String PIXELS = "Pixels";
    /** Prefix of one column per pixel: pixel_0, pixel_1, … (also the element names of a pixel list). */
    public static final String PIXEL_PREFIX = "pixel_";

    private ImageColumns() {
    }

    /** pixel_0 … pixel_(count−1). */
    public static List<String> pixelNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            names.add(PIXEL_PREFIX + p);
        }
        return names;
    }
}
