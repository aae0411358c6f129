package org.vaenodes.engine.image;

/**
 * Reads the orientation tag (0x0112) from the EXIF block of a JPEG's APP1 segment. Cameras store the sensor's
 * pixels as they come and record in this tag how the picture must be turned to appear upright; ImageIO ignores
 * it, so without it portrait photos would arrive lying on their side.
 *
 * <p>The block is a small TIFF structure: a byte-order mark ("II" little-endian or "MM" big-endian), the number 42,
 * the offset of the first directory (IFD0), and there 12-byte entries (tag, type, count, value). Anything unexpected
 * (a broken block, a missing tag, a value outside 1–8) yields 1, "as stored": a damaged EXIF block must not cost
 * the picture.
 */
final class ExifOrientation {

    /** The picture is stored upright. */
    static final int AS_STORED = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;
    private static final int ENTRY_BYTES = 12;

    private ExifOrientation() {
    }

    /**
     * @param bytes  holds the TIFF block (what follows "Exif\0\0" in APP1)
     * @param offset where the block starts
     * @param length the block's length
     * @return the orientation 1–8 (see {@link OrientationTransform}), 1 if absent or unreadable
     */
    static int read(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 8 || offset + length > bytes.length) {
            return AS_STORED;
        }
        try {
            return parse(new Block(bytes, offset, length), length);
        } catch (IndexOutOfBoundsException e) {
            return AS_STORED; // an offset or count pointing outside the block: a broken block
        }
    }

    private static int parse(Block block, int length) {
        if (block.u8(0) == 'I' && block.u8(1) == 'I') {
            block.littleEndian = true;
        } else if (!(block.u8(0) == 'M' && block.u8(1) == 'M')) {
            return AS_STORED;
        }
        if (block.u16(2) != 42) {
            return AS_STORED;
        }
        long directory = block.u32(4);
        if (directory < 8 || directory + 2 > length) {
            return AS_STORED;
        }
        int entries = block.u16((int) directory);
        for (int i = 0; i < entries; i++) {
            int entry = (int) directory + 2 + i * ENTRY_BYTES;
            if (entry + ENTRY_BYTES > length) {
                return AS_STORED;
            }
            if (block.u16(entry) == ORIENTATION_TAG) {
                if (block.u16(entry + 2) != TYPE_SHORT || block.u32(entry + 4) < 1) {
                    return AS_STORED;
                }
                // a single SHORT sits left-aligned in the 4-byte value field, in the block's byte order
                int value = block.u16(entry + 8);
                return value >= 1 && value <= 8 ? value : AS_STORED;
            }
        }
        return AS_STORED;
    }

    /** Bounds-checked reads relative to the block start, in the block's byte order. */
    private static final class Block {
        private final byte[] bytes;
        private final int offset;
        private final int length;
        boolean littleEndian;

        Block(byte[] bytes, int offset, int length) {
            this.bytes = bytes;
            this.offset = offset;
            this.length = length;
        }

        int u8(int at) {
            if (at < 0 || at >= length) {
                throw new IndexOutOfBoundsException(at);
            }
            return bytes[offset + at] & 0xFF;
        }

        int u16(int at) {
            int a = u8(at);
            int b = u8(at + 1);
            return littleEndian ? a | (b << 8) : (a << 8) | b;
        }

        long u32(int at) {
            long a = u16(at);
            long b = u16(at + 2);
            return littleEndian ? a | (b << 16) : (a << 16) | b;
        }
    }
}
