package org.vaenodes.engine.image;

/**
 * Walks a PNG's chunk list before ImageIO decodes it, to tell a truncated file from a corrupt one. ImageIO reports
 * both with the same kind of exception, and a cut-short file is the far more common accident (an interrupted
 * download or copy), worth its own reason. Only the chunk framing is checked (length, type, IEND); the pixel data
 * and checksums are left to ImageIO.
 */
final class PngChunks {

    private static final int SIGNATURE_BYTES = 8;
    /** Length (4), type (4), CRC (4). */
    private static final int CHUNK_OVERHEAD = 12;
    private static final int IHDR_LENGTH = 13;

    private PngChunks() {
    }

    /**
     * Passes if the chunks after the signature start with a proper IHDR and run, chunk by chunk, up to an IEND.
     *
     * @throws ImageDecodeException CORRUPT if the first chunk is not a 13-byte IHDR or a chunk has an impossible
     *                              length or type; TRUNCATED if the data ends before the IEND chunk
     */
    static void check(byte[] bytes, String source) throws ImageDecodeException {
        int pos = SIGNATURE_BYTES;
        boolean first = true;
        while (true) {
            if (pos + CHUNK_OVERHEAD > bytes.length) {
                throw truncated(source, first ? "the header chunk (IHDR)" : "the end chunk (IEND)");
            }
            long length = readUnsigned32(bytes, pos);
            String type = chunkType(bytes, pos + 4);
            if (type == null || length > Integer.MAX_VALUE) {
                throw corrupt(source, "chunk at byte " + pos + " has " + (type == null ? "an invalid type"
                        : "an impossible length of " + length + " bytes"));
            }
            if (first && (!type.equals("IHDR") || length != IHDR_LENGTH)) {
                throw corrupt(source, "the first chunk is not a 13-byte image header (IHDR)");
            }
            if (pos + CHUNK_OVERHEAD + length > bytes.length) {
                throw truncated(source, "the end of its " + type + " chunk (" + SizeText.count(length)
                        + " bytes from byte " + SizeText.count(pos) + ")");
            }
            if (type.equals("IEND")) {
                return;
            }
            pos += CHUNK_OVERHEAD + (int) length;
            first = false;
        }
    }

    /** Four ASCII letters, or {@code null} if the bytes are not a valid chunk type. */
    private static String chunkType(byte[] bytes, int pos) {
        char[] type = new char[4];
        for (int i = 0; i < 4; i++) {
            int b = bytes[pos + i] & 0xFF;
            if (!(b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z')) {
                return null;
            }
            type[i] = (char) b;
        }
        return new String(type);
    }

    private static long readUnsigned32(byte[] bytes, int pos) {
        return ((bytes[pos] & 0xFFL) << 24) | ((bytes[pos + 1] & 0xFFL) << 16) | ((bytes[pos + 2] & 0xFFL) << 8)
                | (bytes[pos + 3] & 0xFFL);
    }

    private static ImageDecodeException truncated(String source, String missing) {
        return ImageDecodeException.truncated(source, "PNG", "before " + missing, null);
    }

    private static ImageDecodeException corrupt(String source, String what) {
        return ImageDecodeException.corrupt(source, "PNG", what);
    }
}
