package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.vaenodes.engine.image.ImageDecodeException.Reason;

class JpegMarkersTest {

    private static final byte[] PLAIN = ImageTestFiles.jpeg(ImageTestFiles.plain(16, 8, 0x336699), 0.9f);

    @Test
    void findsComponentsExifAndAdobeSegments() throws ImageDecodeException {
        JpegLayout plain = JpegMarkers.read(PLAIN, "a.jpg");
        assertEquals(new JpegLayout(3, -1, -1, 0), plain);
        assertFalse(plain.hasAdobeMarker());

        byte[] withBoth = ImageTestFiles.withAdobeSegment(ImageTestFiles.withExifOrientation(PLAIN, 6, true), 2);
        JpegLayout layout = JpegMarkers.read(withBoth, "b.jpg");
        assertEquals(2, layout.adobeTransform());
        assertTrue(layout.hasAdobeMarker());
        assertEquals(ImageTestFiles.tiffWithOrientation(6, true).length, layout.exifLength());
        assertEquals('I', withBoth[layout.exifOffset()]);

        byte[] grey = ImageTestFiles.jpeg(ImageTestFiles.grey(8, 8, (x, y) -> x * 30), 0.9f);
        assertEquals(1, JpegMarkers.read(grey, "g.jpg").components());
    }

    @Test
    void anApp1SegmentThatIsNotExifIsIgnored() throws ImageDecodeException {
        byte[] xmp = ImageTestFiles.withSegment(PLAIN, 0xE1, "http://ns.adobe.com/xap/1.0/\0<x/>".getBytes(
                StandardCharsets.US_ASCII));
        assertEquals(-1, JpegMarkers.read(xmp, "xmp.jpg").exifOffset());
    }

    @Test
    void aMissingEndMarkerIsTruncatedAtEveryCutAfterTheHeaders() {
        for (int n = 3; n < PLAIN.length - 1; n += 7) {
            byte[] cut = ImageTestFiles.head(PLAIN, n);
            ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> JpegMarkers.read(cut, "c.jpg"),
                    "cut at " + n);
            assertEquals(Reason.TRUNCATED, e.reason(), e.getMessage());
        }
    }

    @Test
    void bytesAfterTheEndMarkerAreAccepted() throws ImageDecodeException {
        byte[] padded = java.util.Arrays.copyOf(PLAIN, PLAIN.length + 100);
        assertEquals(3, JpegMarkers.read(padded, "p.jpg").components());
    }

    @Test
    void unsupportedCodingProcessesAndPrecisionsAreNamed() {
        int sof = ImageTestFiles.findMarker(PLAIN, 0xC0);
        assertUnsupported(ImageTestFiles.patched(PLAIN, sof + 1, 0xC3), "lossless");
        assertUnsupported(ImageTestFiles.patched(PLAIN, sof + 1, 0xC9), "arithmetic-coded");
        assertUnsupported(ImageTestFiles.patched(PLAIN, sof + 1, 0xC5), "hierarchical");
        assertUnsupported(ImageTestFiles.patched(PLAIN, sof + 4, 12), "12-bit");
    }

    @Test
    void imageDataWithoutAFrameHeaderIsCorrupt() {
        int sof = ImageTestFiles.findMarker(PLAIN, 0xC0);
        // turn the frame header into a comment segment (same length)
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> JpegMarkers.read(ImageTestFiles
                .patched(PLAIN, sof + 1, 0xFE), "n.jpg"));
        assertEquals(Reason.CORRUPT, e.reason());
    }

    private static void assertUnsupported(byte[] file, String fragment) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> JpegMarkers.read(file, "u.jpg"));
        assertEquals(Reason.UNSUPPORTED, e.reason());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
