package org.vaenodes.engine.image;

import org.vaenodes.engine.image.ImageDecodeException.Reason;

/**
 * Decides from the size in an image's header, before a single pixel is decoded, whether decoding may start. A
 * file of a few hundred bytes can claim 100000 × 100000 pixels (a "decompression bomb"); ImageIO would try to
 * allocate the whole raster and bring KNIME down with an OutOfMemoryError.
 */
final class DecodeBudget {

    /** Heap per source pixel reserved for ImageIO's decoded raster: enough for 16-bit RGBA (4 × 2 bytes). */
    static final long RASTER_BYTES_PER_PIXEL = 8;

    private DecodeBudget() {
    }

    /**
     * Passes if {@code width × height} is within {@code limits.maxPixels()} and the decoded raster
     * ({@value #RASTER_BYTES_PER_PIXEL} bytes per pixel) plus the delivered float values (4 bytes each) fit into
     * the free Java heap.
     */
    static void check(String source, int width, int height, ColorMode mode, ImageLimits limits)
            throws ImageDecodeException {
        if (width < 1 || height < 1) {
            throw new ImageDecodeException(Reason.CORRUPT, source + ": the header gives a size of " + width + " × "
                    + height + " pixels; expected an image at least 1 pixel wide and high.");
        }
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
            throw new ImageDecodeException(Reason.TOO_LARGE, source + ": the header claims " + width + " × " + height
                    + " pixels (" + SizeText.megapixels(pixels) + "); at most " + SizeText.megapixels(limits.maxPixels())
                    + " are accepted.");
        }
        long needed = bytesNeeded(width, height, mode);
        long free = freeHeap();
        if (needed > free) {
            // memory held by garbage counts as used until the next collection; ask for one before refusing,
            // or a run over many images would refuse images that fit
            System.gc();
            free = freeHeap();
        }
        if (needed > free) {
            throw new ImageDecodeException(Reason.TOO_LARGE, source + ": decoding its " + width + " × " + height
                    + " pixels needs about " + SizeText.bytes(needed) + " of Java heap, but only "
                    + SizeText.bytes(Math.max(free, 0)) + " are free; give KNIME more memory (-Xmx in knime.ini)"
                    + " or use smaller images.");
        }
    }

    /** The heap decoding an image of this size takes at its peak ({@code Long.MAX_VALUE} if beyond that). */
    static long bytesNeeded(int width, int height, ColorMode mode) {
        long pixels = (long) width * height; // at most (2^31 - 1)^2, which fits
        long delivered = 4L * PixelAssembler.deliveredShape(width, height, mode).values();
        if (pixels > (Long.MAX_VALUE - delivered) / RASTER_BYTES_PER_PIXEL) {
            return Long.MAX_VALUE;
        }
        return pixels * RASTER_BYTES_PER_PIXEL + delivered;
    }

    /** The heap not yet in use: the most the JVM may take minus what it holds now. */
    static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
}
