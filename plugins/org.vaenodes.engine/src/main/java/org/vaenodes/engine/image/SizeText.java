package org.vaenodes.engine.image;

import java.util.Locale;

/** Sizes written the way the decoder's messages show them to users: megapixels and bytes in binary units. */
final class SizeText {

    private SizeText() {
    }

    /** E.g. "50 megapixels", "12.3 megapixels", "10,000 megapixels"; below 0.1 megapixels the pixel count. */
    static String megapixels(long pixels) {
        if (pixels < 100_000) {
            return count(pixels) + (pixels == 1 ? " pixel" : " pixels");
        }
        return oneDecimalUnlessWhole(pixels / 1e6) + " megapixels";
    }

    /** E.g. "512 bytes", "12 KB", "1.5 MB", "256 MB", "3.2 GB" (1 KB = 1024 bytes). */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return oneDecimalUnlessWhole(value) + " " + units[unit];
    }

    /** E.g. "100,000 bytes" for the exact count next to a rounded size. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String oneDecimalUnlessWhole(double value) {
        double tenths = Math.round(value * 10) / 10.0;
        if (tenths == Math.rint(tenths) || tenths >= 100) {
            return String.format(Locale.ROOT, "%,d", Math.round(value));
        }
        return String.format(Locale.ROOT, "%.1f", tenths);
    }
}
