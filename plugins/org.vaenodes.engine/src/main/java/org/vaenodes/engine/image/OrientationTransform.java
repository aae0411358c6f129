package org.vaenodes.engine.image;

/**
 * Turns a decoded picture upright according to its EXIF orientation. Each value names how the stored pixels relate
 * to the upright picture, and the matching correction is:
 * <pre>
 * 1 as stored                     5 transpose (mirror along the main diagonal)
 * 2 mirror left–right             6 rotate 90° clockwise
 * 3 rotate 180°                   7 transverse (mirror along the other diagonal)
 * 4 mirror top–bottom             8 rotate 90° counter-clockwise
 * </pre>
 * Values 5–8 swap width and height.
 */
final class OrientationTransform {

    private OrientationTransform() {
    }

    /** The picture as it should appear; {@code image} itself for orientation 1 or an unknown value. */
    static DecodedImage upright(DecodedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        ImageShape in = image.shape();
        int w = in.width();
        int h = in.height();
        int c = in.channels();
        boolean swaps = orientation >= 5;
        ImageShape out = new ImageShape(swaps ? h : w, swaps ? w : h, c);
        float[] src = image.pixels();
        float[] dst = new float[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int tx;
                int ty;
                switch (orientation) {
                    case 2 -> { tx = w - 1 - x; ty = y; }
                    case 3 -> { tx = w - 1 - x; ty = h - 1 - y; }
                    case 4 -> { tx = x; ty = h - 1 - y; }
                    case 5 -> { tx = y; ty = x; }
                    case 6 -> { tx = h - 1 - y; ty = x; }
                    case 7 -> { tx = h - 1 - y; ty = w - 1 - x; }
                    default -> { tx = y; ty = w - 1 - x; } // 8
                }
                System.arraycopy(src, (y * w + x) * c, dst, (ty * out.width() + tx) * c, c);
            }
        }
        return new DecodedImage(out, dst);
    }
}
