package org.vaenodes.engine.image;

import java.util.Locale;

/**
 * The shape of the images a row of values stands for. One pixel order everywhere: row-major (top row first, left to
 * right), channels interleaved per pixel (R, G, B, R, G, B, … for colour), every value scaled to [0, 1]; value
 * {@code (y * width + x) * channels + c} is channel c of the pixel in row y, column x.
 *
 * @param width    pixels per row
 * @param height   rows
 * @param channels 1 (grey) or 3 (RGB)
 */
public record ImageShape(int width, int height, int channels) {

    /** The largest side accepted for an image a model works on (decoded files may be larger; they are resized). */
    public static final int MAX_SIDE = 4096;

    public ImageShape {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("Image width and height must be between 1 and " + MAX_SIDE
                    + " pixels, not " + width + " × " + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("Images have 1 channel (grey) or 3 (RGB), not " + channels);
        }
    }

    /** A grey image. */
    public static ImageShape gray(int width, int height) {
        return new ImageShape(width, height, 1);
    }

    /** Values per image: width × height × channels. */
    public int values() {
        return width * height * channels;
    }

    /** Whether the image has colour (three channels). */
    public boolean isColor() {
        return channels == 3;
    }

    /** E.g. "32 × 32 RGB" or "28 × 28 grey". */
    public String describe() {
        return width + " × " + height + (isColor() ? " RGB" : " grey");
    }

    /** The channel names as the nodes write them: "grey" or "rgb". */
    public String channelName() {
        return isColor() ? "rgb" : "grey";
    }

    /** The shape for a channel name ("grey"/"gray" or "rgb", any case); see {@link #channelName()}. */
    public static int channelsOf(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "grey", "gray" -> 1;
            case "rgb" -> 3;
            default -> throw new IllegalArgumentException("Unknown channel layout '" + name
                    + "' (expected grey or rgb)");
        };
    }
}
