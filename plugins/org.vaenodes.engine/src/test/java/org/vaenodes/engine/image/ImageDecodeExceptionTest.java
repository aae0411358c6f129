package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;

import org.junit.jupiter.api.Test;
import org.vaenodes.engine.image.ImageDecodeException.Reason;

class ImageDecodeExceptionTest {

    @Test
    void carriesReasonMessageAndCause() {
        ImageDecodeException e = new ImageDecodeException(Reason.CORRUPT, "x.png: broken.");
        assertEquals(Reason.CORRUPT, e.reason());
        assertEquals("x.png: broken.", e.getMessage());
        EOFException cause = new EOFException();
        assertSame(cause, new ImageDecodeException(Reason.TRUNCATED, "y.png: short.", cause).getCause());
        assertThrows(NullPointerException.class, () -> new ImageDecodeException(null, "z"));
    }
}
