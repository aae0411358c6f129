package org.vaenodes.engine.data;

/**
 * What an IDX header says, after validation: kind, item count and (for images) the image size. This is all a
 * KNIME node needs at configure time to announce its output columns, without reading any pixel data.
 *
 * @param kind    images or labels
 * @param count   number of images or labels, &gt; 0
 * @param rows    image height in pixels; 0 for label files
 * @param cols    image width in pixels; 0 for label files
 * @param gzipped whether the file was gzip-compressed (detected from its first bytes, not its name)
 */
public record IdxHeader(IdxKind kind, int count, int rows, int cols, boolean gzipped) {

    public IdxHeader {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        if (kind == IdxKind.IMAGES && (rows <= 0 || cols <= 0)) {
            throw new IllegalArgumentException("image size must be positive: " + rows + "x" + cols);
        }
        if (kind == IdxKind.LABELS && (rows != 0 || cols != 0)) {
            throw new IllegalArgumentException("label headers have no image size");
        }
    }

    /** Bytes per item: rows × cols for images, 1 for labels. */
    public int itemBytes() {
        return kind == IdxKind.IMAGES ? rows * cols : 1;
    }

    /** Bytes of data the header promises after itself (long: a hostile header can promise terabytes). */
    public long dataBytes() {
        return (long) count * itemBytes();
    }

    /** Header length in bytes. */
    public int headerBytes() {
        return kind.headerBytes();
    }

    /** e.g. "60,000 images of 28x28" or "60,000 labels", for messages. */
    public String describe() {
        String items = String.format("%,d %s", count, kind.pluralNoun());
        return kind == IdxKind.IMAGES ? items + " of " + rows + "x" + cols : items;
    }
}
