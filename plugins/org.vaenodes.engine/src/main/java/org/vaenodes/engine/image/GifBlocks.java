package org.vaenodes.engine.image;

/**
 * Walks a GIF's blocks up to the end of the first frame's image data, to report a file cut short as TRUNCATED:
 * ImageIO's GIF reader fails on such data with a generic "I/O error". Only the first frame is decoded, so what
 * follows it (further frames, the trailer) is not required.
 *
 * <p>Layout: header (6 bytes), logical screen descriptor (7), optional global colour table, then extension blocks
 * (21 label sub-blocks…) and image blocks (2C, descriptor, optional local colour table, LZW code size, sub-blocks…);
 * sub-blocks are length-prefixed and end with a zero length.
 */
final class GifBlocks {

    private static final int EXTENSION = 0x21;
    private static final int IMAGE = 0x2C;

    private GifBlocks() {
    }

    /**
     * @throws ImageDecodeException TRUNCATED if the data ends before the first frame's image data does
     */
    static void checkFirstFrame(byte[] bytes, String source) throws ImageDecodeException {
        int pos = 6 + 7;
        need(bytes, pos, source);
        pos += colourTableBytes(bytes[10]);
        while (true) {
            need(bytes, pos + 1, source);
            int block = bytes[pos] & 0xFF;
            if (block == EXTENSION) {
                pos = skipSubBlocks(bytes, pos + 2, source);
            } else if (block == IMAGE) {
                int descriptorEnd = pos + 10;
                need(bytes, descriptorEnd, source);
                pos = descriptorEnd + colourTableBytes(bytes[pos + 9]) + 1; // + LZW minimum code size
                need(bytes, pos, source);
                skipSubBlocks(bytes, pos, source);
                return;
            } else {
                // the trailer (3B) before any image, or an unknown block: not a truncation; ImageIO will judge it
                return;
            }
        }
    }

    /** Bytes of the colour table announced by a packed-fields byte (flag bit 7, size in bits 0–2). */
    private static int colourTableBytes(byte packed) {
        return (packed & 0x80) == 0 ? 0 : 3 * (1 << ((packed & 0x07) + 1));
    }

    /** The position after the zero-length sub-block that ends the sequence starting at {@code pos}. */
    private static int skipSubBlocks(byte[] bytes, int pos, String source) throws ImageDecodeException {
        while (true) {
            need(bytes, pos + 1, source);
            int size = bytes[pos] & 0xFF;
            pos += 1 + size;
            if (size == 0) {
                return pos;
            }
        }
    }

    /** Fails unless the first {@code end} bytes exist. */
    private static void need(byte[] bytes, int end, String source) throws ImageDecodeException {
        if (end > bytes.length) {
            throw ImageDecodeException.truncated(source, "GIF", "before its first image is complete", null);
        }
    }
}
