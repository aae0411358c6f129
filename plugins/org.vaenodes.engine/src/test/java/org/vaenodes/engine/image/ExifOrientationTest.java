package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ExifOrientationTest {

    @Test
    void readsTheTagInBothByteOrders() {
        for (int orientation = 1; orientation <= 8; orientation++) {
            for (boolean little : new boolean[] {false, true}) {
                byte[] tiff = ImageTestFiles.tiffWithOrientation(orientation, little);
                assertEquals(orientation, ExifOrientation.read(tiff, 0, tiff.length));
            }
        }
    }

    @Test
    void readsFromAnOffsetInsideALargerArray() {
        byte[] tiff = ImageTestFiles.tiffWithOrientation(8, false);
        byte[] file = new byte[tiff.length + 20];
        System.arraycopy(tiff, 0, file, 11, tiff.length);
        assertEquals(8, ExifOrientation.read(file, 11, tiff.length));
    }

    /** Offsets below refer to the big-endian block: header 0–7, entry count 8–9, Make 10–21, orientation 22–33. */
    @Test
    void anythingUnexpectedMeansAsStored() {
        byte[] good = ImageTestFiles.tiffWithOrientation(6, false);
        assertEquals(1, ExifOrientation.read(ImageTestFiles.tiffWithOrientation(9, false), 0, good.length));
        assertEquals(1, ExifOrientation.read(ImageTestFiles.tiffWithOrientation(0, true), 0, good.length));
        assertEquals(1, read(ImageTestFiles.patched(good, 0, 'X')), "byte-order mark");
        assertEquals(1, read(ImageTestFiles.patched(good, 3, 43)), "magic number");
        assertEquals(1, read(ImageTestFiles.patched(good, 7, 200)), "directory beyond the block");
        // the tag is found before the directory's count (40) runs past the block; without the tag, the count fails
        assertEquals(6, read(ImageTestFiles.patched(good, 9, 40)));
        assertEquals(1, read(ImageTestFiles.patched(ImageTestFiles.patched(good, 9, 40), 23, 0x13)),
                "more entries than the block holds");
        assertEquals(1, read(ImageTestFiles.patched(good, 25, 4)), "orientation of type LONG");
        assertEquals(1, read(ImageTestFiles.patched(good, 23, 0x13)), "no orientation tag");
        for (int n = 0; n < good.length; n++) {
            assertEquals(n < 34 ? 1 : 6, ExifOrientation.read(Arrays.copyOf(good, n), 0, n), "cut at " + n);
        }
        assertEquals(1, ExifOrientation.read(good, -1, good.length));
        assertEquals(1, ExifOrientation.read(good, 4, good.length));
    }

    private static int read(byte[] tiff) {
        return ExifOrientation.read(tiff, 0, tiff.length);
    }
}
