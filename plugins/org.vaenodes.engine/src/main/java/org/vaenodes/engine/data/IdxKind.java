package org.vaenodes.engine.data;

/**
 * The two IDX layouts MNIST-style data sets use. Only unsigned-byte data (type code 0x08) is supported: that is
 * what MNIST, Fashion-MNIST, KMNIST and EMNIST ship, and it lets us keep pixels as one compact byte array.
 */
public enum IdxKind {
    /** {@code idx3-ubyte}: count × rows × columns unsigned bytes. */
    IMAGES(0x00000803, 3, "image", "images"),
    /** {@code idx1-ubyte}: count unsigned bytes. */
    LABELS(0x00000801, 1, "label", "labels");

    private final int magic;
    private final int dimensions;
    private final String noun;
    private final String pluralNoun;

    IdxKind(int magic, int dimensions, String noun, String pluralNoun) {
        this.magic = magic;
        this.dimensions = dimensions;
        this.noun = noun;
        this.pluralNoun = pluralNoun;
    }

    /** The 32-bit big-endian magic number that starts such a file. */
    public int magic() {
        return magic;
    }

    /** Number of dimension sizes in the header (1 for labels, 3 for images). */
    public int dimensions() {
        return dimensions;
    }

    /** Header length in bytes: the magic number plus one 32-bit size per dimension. */
    public int headerBytes() {
        return 4 + 4 * dimensions;
    }

    /** "image" or "label", for messages. */
    public String noun() {
        return noun;
    }

    /** "images" or "labels", for messages. */
    public String pluralNoun() {
        return pluralNoun;
    }

    /** The kind whose magic number this is, or {@code null}. */
    static IdxKind ofMagic(int magic) {
        for (IdxKind kind : values()) {
            if (kind.magic == magic) {
                return kind;
            }
        }
        return null;
    }

    /** e.g. "an IDX image file (magic 0x00000803)". */
    String describe() {
        return String.format("an IDX %s file (magic 0x%08X)", noun, magic);
    }
}
