package org.vaenodes.engine.image;

/**
 * A decoded picture handed out one row at a time as opaque RGB, so that a large picture never needs a second
 * full-size copy while it is converted and, if needed, reduced.
 */
interface RgbRows {

    int width();

    int height();

    /**
     * Fills {@code rgb} (at least 3 × width values) with row {@code y}: R, G, B per pixel in [0, 1], any alpha
     * already composited over white.
     */
    void read(int y, float[] rgb);
}
