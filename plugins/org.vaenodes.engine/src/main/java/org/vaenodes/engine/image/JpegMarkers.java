package org.vaenodes.engine.image;

import org.vaenodes.engine.image.ImageDecodeException.Reason;

/**
 * Reads a JPEG's marker segments up to the first scan, and checks that the compressed data ends with the
 * end-of-image marker (FF D9).
 *
 * <p>Why: ImageIO decodes a JPEG cut short without an exception (libjpeg only warns and fills the rest with grey),
 * so a missing end marker is the only reliable sign of a truncated file. ImageIO also neither applies the EXIF
 * orientation nor converts CMYK; the segments found here ({@link JpegLayout}) let the decoder do both. Coding
 * processes ImageIO cannot decode (lossless, hierarchical, arithmetic coding, 12-bit samples) are refused here with
 * a clear reason instead of a library message.
 */
final class JpegMarkers {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP1 = 0xE1;
    private static final int APP14 = 0xEE;
    private static final byte[] EXIF_ID = {'E', 'x', 'i', 'f', 0, 0};
    private static final byte[] ADOBE_ID = {'A', 'd', 'o', 'b', 'e'};

    private JpegMarkers() {
    }

    /**
     * @param bytes a whole JPEG file (starting with FF D8)
     * @throws ImageDecodeException TRUNCATED if the data ends inside the headers or before the end-of-image marker;
     *                              CORRUPT if the marker structure is broken or there is no frame header;
     *                              UNSUPPORTED for coding processes ImageIO cannot decode
     */
    static JpegLayout read(byte[] bytes, String source) throws ImageDecodeException {
        int pos = 2;
        int components = -1;
        int adobeTransform = -1;
        int exifOffset = -1;
        int exifLength = 0;
        while (true) {
            // bytes between segments are not allowed, but libjpeg skips them with a warning; so do we
            while (pos < bytes.length && (bytes[pos] & 0xFF) != 0xFF) {
                pos++;
            }
            while (pos < bytes.length && (bytes[pos] & 0xFF) == 0xFF) {
                pos++; // fill bytes before a marker
            }
            if (pos >= bytes.length) {
                throw truncated(source, "before the image data starts");
            }
            int marker = bytes[pos++] & 0xFF;
            if (marker == SOI || marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                continue; // markers without a segment
            }
            if (marker == EOI) {
                throw corrupt(source, "it ends (end-of-image marker) before any image data");
            }
            if (pos + 2 > bytes.length) {
                throw truncated(source, "inside the headers");
            }
            int length = ((bytes[pos] & 0xFF) << 8) | (bytes[pos + 1] & 0xFF);
            if (length < 2) {
                throw corrupt(source, "a marker segment at byte " + pos + " has an impossible length of " + length);
            }
            if (pos + length > bytes.length) {
                throw truncated(source, "inside the headers");
            }
            int data = pos + 2;
            int dataLength = length - 2;
            if (isFrameHeader(marker)) {
                checkCodingProcess(marker, source);
                if (dataLength < 6) {
                    throw corrupt(source, "its frame header is too short");
                }
                int precision = bytes[data] & 0xFF;
                if (precision != 8) {
                    throw new ImageDecodeException(Reason.UNSUPPORTED, source + ": the JPEG has " + precision
                            + "-bit samples, which the Java image reader does not decode; expected an 8-bit JPEG.");
                }
                components = bytes[data + 5] & 0xFF;
            } else if (marker == APP1 && exifOffset < 0 && startsWith(bytes, data, dataLength, EXIF_ID)) {
                exifOffset = data + EXIF_ID.length;
                exifLength = dataLength - EXIF_ID.length;
            } else if (marker == APP14 && startsWith(bytes, data, dataLength, ADOBE_ID) && dataLength >= 12) {
                adobeTransform = bytes[data + 11] & 0xFF;
            } else if (marker == SOS) {
                if (components < 0) {
                    throw corrupt(source, "the image data starts without a frame header");
                }
                if (!hasEndMarker(bytes, data + dataLength)) {
                    throw truncated(source, "without the end-of-image marker (FF D9)");
                }
                return new JpegLayout(components, adobeTransform, exifOffset, exifLength);
            }
            pos += length;
        }
    }

    /** SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    /** ImageIO (libjpeg 6b) decodes baseline (C0), extended (C1) and progressive (C2) Huffman coding only. */
    private static void checkCodingProcess(int marker, String source) throws ImageDecodeException {
        String process;
        if (marker <= 0xC2) {
            return;
        } else if (marker == 0xC3 || marker == 0xCB || marker == 0xCF) {
            process = "lossless";
        } else if (marker >= 0xC9) {
            process = "arithmetic-coded";
        } else {
            process = "hierarchical";
        }
        throw new ImageDecodeException(Reason.UNSUPPORTED, source + ": the JPEG is " + process
                + " (frame type " + String.format("%02X", marker)
                + "), which the Java image reader does not decode; expected a baseline or progressive JPEG.");
    }

    /**
     * Whether FF D9 occurs after {@code from}. Inside entropy-coded data every FF is followed by 00 (stuffing) or
     * a restart marker, so the first FF D9 after the scan header is the end of the image; later scans of
     * progressive JPEGs lie before it.
     */
    private static boolean hasEndMarker(byte[] bytes, int from) {
        for (int i = Math.max(from, 0); i + 1 < bytes.length; i++) {
            if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == EOI) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int offset, int available, byte[] prefix) {
        if (available < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static ImageDecodeException truncated(String source, String where) {
        return ImageDecodeException.truncated(source, "JPEG", where, null);
    }

    private static ImageDecodeException corrupt(String source, String what) {
        return ImageDecodeException.corrupt(source, "JPEG", what);
    }
}
