package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;

import javax.imageio.IIOException;

import org.junit.jupiter.api.Test;
import org.vaenodes.engine.image.ImageDecodeException.Reason;

class ImageIoFailuresTest {

    @Test
    void anEndOfFileAmongTheCausesIsTruncated() {
        IIOException e = new IIOException("I/O error reading image!", new EOFException());
        ImageDecodeException d = ImageIoFailures.classify(e, "a.bmp", ImageFormat.BMP);
        assertEquals(Reason.TRUNCATED, d.reason());
        assertSame(e, d.getCause());
        assertTrue(d.getMessage().startsWith("a.bmp: the BMP data ends before the image does"), d.getMessage());
    }

    @Test
    void unsupportedVariantsAreUnsupported() {
        ImageDecodeException d = ImageIoFailures.classify(new IIOException("Unsupported BMP compression type"),
                "b.bmp", ImageFormat.BMP);
        assertEquals(Reason.UNSUPPORTED, d.reason());
        assertTrue(d.getMessage().contains("(Unsupported BMP compression type)"), d.getMessage());
    }

    @Test
    void everythingElseIsCorruptWithTheDeepestMessage() {
        ImageDecodeException d = ImageIoFailures.classify(new IIOException("Error reading PNG image data",
                new IIOException("Invalid chunk length")), "c.png", ImageFormat.PNG);
        assertEquals(Reason.CORRUPT, d.reason());
        assertEquals("c.png: the PNG data is corrupt and cannot be decoded (Invalid chunk length); expected a valid"
                + " PNG image.", d.getMessage());
        ImageDecodeException r = ImageIoFailures.classify(new ArrayIndexOutOfBoundsException("Index 9 out of bounds"
                + " for length 4"), "d.gif", ImageFormat.GIF);
        assertEquals(Reason.CORRUPT, r.reason());
        assertTrue(r.getMessage().contains("(ArrayIndexOutOfBoundsException: Index 9"), r.getMessage());
        assertTrue(ImageIoFailures.classify(new NullPointerException(), "e.gif", ImageFormat.GIF).getMessage()
                .contains("(NullPointerException)"));
    }
}
