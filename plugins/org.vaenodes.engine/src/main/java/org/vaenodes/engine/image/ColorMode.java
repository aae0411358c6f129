package org.vaenodes.engine.image;

/**
 * The channels a decoded image is delivered with, whatever the file stores. {@link #GRAY} converts colour with the
 * ITU-R BT.601 luma weights (0.299 R + 0.587 G + 0.114 B) on the stored, gamma-encoded values; {@link #RGB}
 * repeats a grey value in all three channels.
 */
public enum ColorMode {
    /** One channel: grey. */
    GRAY(1),
    /** Three channels: red, green, blue. */
    RGB(3);

    private final int channels;

    ColorMode(int channels) {
        this.channels = channels;
    }

    /** 1 for {@link #GRAY}, 3 for {@link #RGB} (the {@link ImageShape#channels()} of a decoded image). */
    public int channels() {
        return channels;
    }
}
