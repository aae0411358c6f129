package org.vaenodes.engine.image;

import java.util.Objects;

/**
 * Brings a decoded image to the size a model needs, keeping its channels.
 *
 * <p>Filter, per axis and per channel on the float values: when an axis shrinks, area averaging (each output pixel
 * is the mean of the source area it covers, partly covered pixels weighted by the covered fraction); when it grows,
 * bilinear interpolation with pixel centres aligned; an axis that keeps its size is copied. The two axes are
 * resampled one after the other (rows, then columns). Area averaging keeps the image's mean and does not alias
 * fine patterns into stripes, as sampling single pixels would.
 *
 * <p>{@link ResizeMode#STRETCH} maps the whole image onto the target; {@link ResizeMode#CROP} maps only the largest
 * centred region with the target's aspect ratio (exactly centred: when that region's edge falls inside a pixel,
 * the pixel counts with the covered fraction).
 */
public final class ImageResizer {

    private ImageResizer() {
    }

    /**
     * @param width  target width (1 … {@link ImageShape#MAX_SIDE})
     * @param height target height (1 … {@link ImageShape#MAX_SIDE})
     * @return {@code image} itself if it already has the target size, else a new image
     */
    public static DecodedImage resize(DecodedImage image, int width, int height, ResizeMode mode) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mode, "mode");
        ImageShape in = image.shape();
        ImageShape out = new ImageShape(width, height, in.channels());
        if (in.width() == width && in.height() == height) {
            return image;
        }
        double regionWidth = in.width();
        double regionHeight = in.height();
        if (mode == ResizeMode.CROP) {
            // compare the aspect ratios without division: w_in / h_in against width / height
            if ((long) in.width() * height > (long) in.height() * width) {
                regionWidth = (double) in.height() * width / height;
            } else {
                regionHeight = (double) in.width() * height / width;
            }
        }
        AxisWeights columns = AxisWeights.of(in.width(), (in.width() - regionWidth) / 2, regionWidth, width);
        AxisWeights rows = AxisWeights.of(in.height(), (in.height() - regionHeight) / 2, regionHeight, height);
        return new DecodedImage(out, resample(image.pixels(), in, columns, rows));
    }

    private static float[] resample(float[] src, ImageShape in, AxisWeights columns, AxisWeights rows) {
        int c = in.channels();
        int w = columns.size();
        int h = rows.size();
        // rows first: every source row becomes a row of the target width
        float[] narrowed = new float[in.height() * w * c];
        for (int y = 0; y < in.height(); y++) {
            columns.apply(src, y * in.width() * c, c, narrowed, y * w * c, c, c);
        }
        float[] out = new float[h * w * c];
        for (int x = 0; x < w; x++) {
            rows.apply(narrowed, x * c, w * c, out, x * c, w * c, c);
        }
        return out;
    }
}
