package org.vaenodes.engine.image;

/**
 * What the decoder needs to know from a JPEG's marker segments before and besides ImageIO's decoding.
 *
 * @param components     colour components in the frame header (1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK)
 * @param adobeTransform the Adobe APP14 segment's colour transform (0 none, 1 YCbCr, 2 YCCK), or -1 without one
 * @param exifOffset     where the TIFF block of the first "Exif" APP1 segment starts, or -1 without one
 * @param exifLength     that block's length in bytes (0 without one)
 */
record JpegLayout(int components, int adobeTransform, int exifOffset, int exifLength) {

    /** Whether the Adobe APP14 segment is present (which also means CMYK values are stored inverted). */
    boolean hasAdobeMarker() {
        return adobeTransform >= 0;
    }
}
