package org.vaenodes.engine.data;

/**
 * A block of same-sized greyscale images as read from an IDX file: row-major, one unsigned byte per pixel,
 * image after image. Bytes rather than floats keep a 60,000-image set at 47 MB instead of 188 MB; callers convert
 * one image or one batch at a time.
 * <p>
 * The pixel array is shared, not copied (it can be large): treat it as read-only.
 *
 * @param count  number of images
 * @param rows   image height in pixels
 * @param cols   image width in pixels
 * @param pixels {@code count * rows * cols} unsigned bytes
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {

    public IdxImages {
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("invalid image block: " + count + " images of " + rows + "x" + cols);
        }
        if (pixels == null || pixels.length != (long) count * rows * cols) {
            throw new IllegalArgumentException("pixel array length " + (pixels == null ? "null" : pixels.length)
                    + " does not match " + count + " images of " + rows + "x" + cols);
        }
    }

    /** Pixels per image, {@code rows * cols}. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    /** One pixel as 0..255; {@code index} is row-major within the image. */
    public int pixel(int image, int index) {
        checkImage(image);
        if (index < 0 || index >= pixelsPerImage()) {
            throw new IndexOutOfBoundsException("pixel " + index + " of " + pixelsPerImage());
        }
        return pixels[image * pixelsPerImage() + index] & 0xff;
    }

    /**
     * One image as a new float array.
     *
     * @param scaleToUnit {@code true} for values in [0, 1] (value / 255), {@code false} for 0..255
     */
    public float[] imageAsFloats(int image, boolean scaleToUnit) {
        float[] out = new float[pixelsPerImage()];
        copyImage(image, out, 0, scaleToUnit);
        return out;
    }

    /** Writes one image into {@code dest} from {@code offset}, so batches can be filled without garbage. */
    public void copyImage(int image, float[] dest, int offset, boolean scaleToUnit) {
        checkImage(image);
        int n = pixelsPerImage();
        int start = image * n;
        float factor = scaleToUnit ? 1f / 255f : 1f;
        for (int i = 0; i < n; i++) {
            dest[offset + i] = (pixels[start + i] & 0xff) * factor;
        }
    }

    private void checkImage(int image) {
        if (image < 0 || image >= count) {
            throw new IndexOutOfBoundsException("image " + image + " of " + count);
        }
    }
}
