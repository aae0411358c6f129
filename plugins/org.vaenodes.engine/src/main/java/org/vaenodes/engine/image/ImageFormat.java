package org.vaenodes.engine.image;

import java.nio.charset.StandardCharsets;

/**
 * The image formats the decoder reads, recognised from their first bytes ("magic numbers"). The file name's
 * extension is never consulted: files are often misnamed, and the content is what ImageIO has to read.
 */
enum ImageFormat {
    PNG("PNG", "png"),
    JPEG("JPEG", "jpeg"),
    BMP("BMP", "bmp"),
    GIF("GIF", "gif");

    /** For messages: the formats that are read. */
    static final String READABLE = "PNG, JPEG, BMP or GIF";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String displayName;
    private final String imageIoName;

    ImageFormat(String displayName, String imageIoName) {
        this.displayName = displayName;
        this.imageIoName = imageIoName;
    }

    /** "PNG", "JPEG" … */
    String displayName() {
        return displayName;
    }

    /** The format name ImageIO's reader registry knows. */
    String imageIoName() {
        return imageIoName;
    }

    /** The readable format {@code bytes} start like, or {@code null}. */
    static ImageFormat detect(byte[] bytes) {
        if (startsWith(bytes, 0, PNG_SIGNATURE)) {
            return PNG;
        }
        // SOI followed by the first marker's 0xFF; only the SOI alone could as well be chance
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
            return GIF;
        }
        if (startsWith(bytes, 0, ascii("BM"))) {
            return BMP;
        }
        return null;
    }

    /**
     * The name of a common image format that is recognised but not read (TIFF, WebP, HEIF/AVIF, JPEG 2000, PSD),
     * or {@code null}; such files get the clearer reason UNSUPPORTED instead of NOT_AN_IMAGE.
     */
    static String unreadableFormat(byte[] bytes) {
        if (startsWith(bytes, 0, new byte[] {'I', 'I', 42, 0}) || startsWith(bytes, 0, new byte[] {'M', 'M', 0, 42})) {
            return "TIFF";
        }
        if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
            return "WebP";
        }
        if (startsWith(bytes, 4, ascii("ftyp"))) {
            for (String brand : new String[] {"heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"}) {
                if (startsWith(bytes, 8, ascii(brand))) {
                    return "HEIF/HEIC";
                }
            }
            if (startsWith(bytes, 8, ascii("avif")) || startsWith(bytes, 8, ascii("avis"))) {
                return "AVIF";
            }
        }
        if (startsWith(bytes, 0, new byte[] {0, 0, 0, 0x0C, 'j', 'P', ' ', ' '})
                || startsWith(bytes, 0, new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51})) {
            return "JPEG 2000";
        }
        if (startsWith(bytes, 0, ascii("8BPS"))) {
            return "Photoshop (PSD)";
        }
        return null;
    }

    /** The first bytes as hex and as text, e.g. {@code 48 65 6C 6C 6F ("Hello")}, to show what a file holds. */
    static String describeStart(byte[] bytes) {
        int n = Math.min(bytes.length, 8);
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            hex.append(i == 0 ? "" : " ").append(String.format("%02X", b));
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return hex + " (\"" + text + "\")";
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (bytes.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
