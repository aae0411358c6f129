package org.vaenodes.engine.spec;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

import org.vaenodes.engine.image.ImageShape;

/**
 * Immutable, validated description of a VAE's architecture and objective.
 *
 * @param inputSize     D, the number of input values per row
 * @param imageRows     image height if the rows are images (then {@code imageRows * imageCols * imageChannels ==
 *                      inputSize}), else 0
 * @param imageCols     image width, or 0
 * @param imageChannels 1 (grey) or 3 (RGB, interleaved per pixel; see {@link ImageShape}) for images, else 0
 * @param encoderHidden hidden layer sizes of the encoder, input side first (may be empty: a linear encoder)
 * @param decoderHidden hidden layer sizes of the decoder, latent side first; {@code null} or empty means "mirror
 *                      the encoder" and is replaced by the reversed encoder sizes
 * @param latentSize    L, the number of latent dimensions
 * @param activation    activation of all hidden layers
 * @param likelihood    output distribution (fixes the reconstruction loss)
 * @param beta          weight of the KL term in the training objective (≥ 0; 1 is the plain VAE)
 * @param numClasses    0 for an unconditional VAE; &gt; 0 for a conditional VAE whose one-hot label is appended to
 *                      the encoder input and to the decoder input z
 * @param binarize      stochastic binarization of the inputs each batch (x ~ Bernoulli(pixel)); Bernoulli only
 */
public record VaeConfig(int inputSize, int imageRows, int imageCols, int imageChannels, int[] encoderHidden, int[] decoderHidden,
        int latentSize, Activation activation, Likelihood likelihood, double beta, int numClasses,
        boolean binarize) {

    /** Largest accepted layer size (inputs, hidden layers). */
    public static final int MAX_LAYER_SIZE = 1 << 20;
    /** Largest accepted latent size. */
    public static final int MAX_LATENT = 4096;
    /** Largest accepted number of classes of a conditional VAE. */
    public static final int MAX_CLASSES = 10_000;
    /** Largest accepted number of parameters (weights + biases). */
    public static final long MAX_PARAMETERS = 500_000_000L;

    public VaeConfig {
        if (inputSize < 1 || inputSize > MAX_LAYER_SIZE) {
            throw new IllegalArgumentException("Input size must be between 1 and " + MAX_LAYER_SIZE + ", not "
                    + inputSize);
        }
        if (imageRows < 0 || imageCols < 0) {
            throw new IllegalArgumentException("Image rows and columns must not be negative (0 = not an image)");
        }
        if ((imageRows == 0) != (imageCols == 0)) {
            throw new IllegalArgumentException("Set both image rows and image columns, or neither (got "
                    + imageRows + " × " + imageCols + ")");
        }
        if (imageRows == 0 ? imageChannels != 0 : imageChannels != 1 && imageChannels != 3) {
            throw new IllegalArgumentException("Images have 1 channel (grey) or 3 (RGB), inputs that are no "
                    + "images 0, not " + imageChannels);
        }
        if (imageRows > 0 && (long) imageRows * imageCols * imageChannels != inputSize) {
            throw new IllegalArgumentException("Image shape " + imageRows + " × " + imageCols
                    + (imageChannels == 3 ? " × 3 channels" : "") + " = " + (long) imageRows * imageCols
                    * imageChannels + " values does not match the input size " + inputSize);
        }
        encoderHidden = checkLayers("encoder", encoderHidden == null ? new int[0] : encoderHidden.clone());
        decoderHidden = decoderHidden == null || decoderHidden.length == 0 ? reversed(encoderHidden)
                : checkLayers("decoder", decoderHidden.clone());
        if (latentSize < 1 || latentSize > MAX_LATENT) {
            throw new IllegalArgumentException("Latent size must be between 1 and " + MAX_LATENT + ", not "
                    + latentSize);
        }
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(likelihood, "likelihood");
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("The KL weight β must be a finite number ≥ 0, not " + beta);
        }
        if (numClasses < 0 || numClasses > MAX_CLASSES) {
            throw new IllegalArgumentException("Number of classes must be between 0 (unconditional) and "
                    + MAX_CLASSES + ", not " + numClasses);
        }
        if (binarize && likelihood != Likelihood.BERNOULLI) {
            throw new IllegalArgumentException("Stochastic binarization needs the Bernoulli likelihood (inputs in "
                    + "[0, 1]); it makes no sense with " + likelihood);
        }
        long params = countParameters(inputSize, encoderHidden, decoderHidden, latentSize, numClasses);
        if (params > MAX_PARAMETERS) {
            throw new IllegalArgumentException(String.format("This network would have %,d parameters; at most "
                    + "%,d are supported", params, MAX_PARAMETERS));
        }
    }

    /** An unconditional image-less VAE with ReLU, Bernoulli likelihood, β = 1, mirrored decoder. */
    public static VaeConfig of(int inputSize, int[] encoderHidden, int latentSize) {
        return new VaeConfig(inputSize, 0, 0, 0, encoderHidden, null, latentSize, Activation.RELU,
                Likelihood.BERNOULLI, 1.0, 0, false);
    }

    /**
     * Parses a hidden-layer list such as {@code "400"} or {@code "256, 128"} (comma, semicolon or blank
     * separated). An empty or blank string means no hidden layers.
     *
     * @throws IllegalArgumentException naming the offending part
     */
    public static int[] parseLayers(String text) {
        if (text == null || text.isBlank()) {
            return new int[0];
        }
        String[] parts = text.trim().split("[,;\\s]+");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Layer sizes must be whole numbers separated by commas, e.g. "
                        + "\"400\" or \"256,128\"; \"" + parts[i] + "\" in \"" + text + "\" is not a number");
            }
            if (sizes[i] < 1 || sizes[i] > MAX_LAYER_SIZE) {
                throw new IllegalArgumentException("Layer size " + sizes[i] + " in \"" + text
                        + "\" must be between 1 and " + MAX_LAYER_SIZE);
            }
        }
        return sizes;
    }

    /** Formats layer sizes the way {@link #parseLayers} reads them ("256,128"). */
    public static String formatLayers(int[] sizes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            sb.append(i == 0 ? "" : ",").append(sizes[i]);
        }
        return sb.toString();
    }

    /**
     * The side of the square grey image an input of {@code inputSize} values is taken for (MNIST's 784 = 28 × 28),
     * or 0 if it is not a square number. Nodes treat square inputs as images, so they can be drawn.
     */
    public static int squareImageSide(int inputSize) {
        int side = (int) Math.round(Math.sqrt(inputSize));
        return inputSize > 0 && side * side == inputSize ? side : 0;
    }

    /** With a grey image shape of rows × cols pixels. */
    public VaeConfig withImageShape(int rows, int cols) {
        return edit(c -> {
            c.imageRows = rows;
            c.imageCols = cols;
            c.imageChannels = rows == 0 ? 0 : 1;
        });
    }

    /** With this image shape (null: the rows are no images). */
    public VaeConfig withImageShape(ImageShape shape) {
        return edit(c -> {
            c.imageRows = shape == null ? 0 : shape.height();
            c.imageCols = shape == null ? 0 : shape.width();
            c.imageChannels = shape == null ? 0 : shape.channels();
        });
    }

    /** The image shape of the rows, or null if they are not images. */
    public ImageShape imageShape() {
        return isImage() ? new ImageShape(imageCols, imageRows, imageChannels) : null;
    }

    /** With these decoder hidden layers; null or none mirror the encoder's. */
    public VaeConfig withDecoderHidden(int[] sizes) {
        return edit(c -> c.decoderHidden = sizes);
    }

    public VaeConfig withActivation(Activation a) {
        return edit(c -> c.activation = a);
    }

    public VaeConfig withLikelihood(Likelihood l) {
        return edit(c -> c.likelihood = l);
    }

    public VaeConfig withBeta(double b) {
        return edit(c -> c.beta = b);
    }

    public VaeConfig withNumClasses(int n) {
        return edit(c -> c.numClasses = n);
    }

    public VaeConfig withBinarize(boolean b) {
        return edit(c -> c.binarize = b);
    }

    /** A copy with one change, checked like any new configuration. */
    private VaeConfig edit(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return d.toConfig();
    }

    /** The components of a configuration while one of them changes. */
    private static final class Draft {
        final int inputSize;
        int imageRows;
        int imageCols;
        int imageChannels;
        final int[] encoderHidden;
        int[] decoderHidden;
        final int latentSize;
        Activation activation;
        Likelihood likelihood;
        double beta;
        int numClasses;
        boolean binarize;

        Draft(VaeConfig c) {
            inputSize = c.inputSize;
            imageRows = c.imageRows;
            imageCols = c.imageCols;
            imageChannels = c.imageChannels;
            encoderHidden = c.encoderHidden;
            decoderHidden = c.decoderHidden;
            latentSize = c.latentSize;
            activation = c.activation;
            likelihood = c.likelihood;
            beta = c.beta;
            numClasses = c.numClasses;
            binarize = c.binarize;
        }

        VaeConfig toConfig() {
            return new VaeConfig(inputSize, imageRows, imageCols, imageChannels, encoderHidden, decoderHidden, latentSize,
                    activation, likelihood, beta, numClasses, binarize);
        }
    }

    @Override
    public int[] encoderHidden() {
        return encoderHidden.clone();
    }

    @Override
    public int[] decoderHidden() {
        return decoderHidden.clone();
    }

    /** Whether the rows are images with a known shape. */
    public boolean isImage() {
        return imageRows > 0;
    }

    /** Whether this is a conditional VAE. */
    public boolean isConditional() {
        return numClasses > 0;
    }

    /** Total number of weights and biases. */
    public long parameterCount() {
        return countParameters(inputSize, encoderHidden, decoderHidden, latentSize, numClasses);
    }

    /** A short human-readable summary, e.g. "784-400-20 / 20-400-784, RELU, BERNOULLI, β=1.0". */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(inputSize);
        for (int h : encoderHidden) {
            sb.append('-').append(h);
        }
        sb.append('-').append(latentSize).append(" / ").append(latentSize);
        for (int h : decoderHidden) {
            sb.append('-').append(h);
        }
        sb.append('-').append(inputSize).append(", ").append(activation).append(", ").append(likelihood)
                .append(", β=").append(beta);
        if (numClasses > 0) {
            sb.append(", conditional on ").append(numClasses).append(" classes");
        }
        if (binarize) {
            sb.append(", binarized");
        }
        return sb.toString();
    }

    private static int[] checkLayers(String which, int[] sizes) {
        for (int s : sizes) {
            if (s < 1 || s > MAX_LAYER_SIZE) {
                throw new IllegalArgumentException("Every " + which + " hidden layer size must be between 1 and "
                        + MAX_LAYER_SIZE + ", not " + s);
            }
        }
        return sizes;
    }

    private static int[] reversed(int[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[a.length - 1 - i];
        }
        return r;
    }

    static long countParameters(int d, int[] enc, int[] dec, int l, int c) {
        long n = 0;
        int in = d;
        for (int i = 0; i < enc.length; i++) {
            n += (long) (in + (i == 0 ? c : 0)) * enc[i] + enc[i];
            in = enc[i];
        }
        n += 2L * ((long) (in + (enc.length == 0 ? c : 0)) * l + l);
        in = l;
        for (int i = 0; i < dec.length; i++) {
            n += (long) (in + (i == 0 ? c : 0)) * dec[i] + dec[i];
            in = dec[i];
        }
        n += (long) (in + (dec.length == 0 ? c : 0)) * d + d;
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaeConfig v && inputSize == v.inputSize && imageRows == v.imageRows
                && imageCols == v.imageCols && imageChannels == v.imageChannels && Arrays.equals(encoderHidden, v.encoderHidden)
                && Arrays.equals(decoderHidden, v.decoderHidden) && latentSize == v.latentSize
                && activation == v.activation && likelihood == v.likelihood
                && Double.compare(beta, v.beta) == 0 && numClasses == v.numClasses && binarize == v.binarize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputSize, imageRows, imageCols, imageChannels, Arrays.hashCode(encoderHidden),
                Arrays.hashCode(decoderHidden), latentSize, activation, likelihood, beta, numClasses, binarize);
    }

    @Override
    public String toString() {
        return "VaeConfig[" + describe() + (isImage() ? ", image " + imageShape().describe() : "") + "]";
    }
}
