package org.vaenodes.engine.image;

/**
 * What {@link ImageFileDecoder} accepts at most, so that one broken or hostile file cannot exhaust KNIME's memory.
 *
 * @param maxPixels    largest width × height (from the file's header, checked before any pixel is decoded)
 * @param maxFileBytes largest file (checked from the file's size before it is read)
 */
public record ImageLimits(long maxPixels, long maxFileBytes) {

    /**
     * 50 megapixels (more than common camera photos) and 256 MB (far above what such a photo needs even as an
     * uncompressed BMP of 50 megapixels × 4 bytes = 200 MB).
     */
    public static final ImageLimits DEFAULT = new ImageLimits(50_000_000L, 256L * 1024 * 1024);

    public ImageLimits {
        if (maxPixels < 1 || maxFileBytes < 1) {
            throw new IllegalArgumentException("Image limits must be positive, not " + maxPixels + " pixels and "
                    + maxFileBytes + " bytes");
        }
    }
}
