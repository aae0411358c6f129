package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaenodes.engine.image.ImageDecodeException.Reason;

class DecodeBudgetTest {

    private static final ImageLimits UNLIMITED = new ImageLimits(Long.MAX_VALUE, Long.MAX_VALUE);

    @Test
    void countsTheRasterAndTheDeliveredValues() {
        assertEquals(100L * 50 * 8 + 100 * 50 * 3 * 4, DecodeBudget.bytesNeeded(100, 50, ColorMode.RGB));
        // beyond 4096 pixels a side, only the reduced image is delivered
        assertEquals(10_000L * 10_000 * 8 + 4096L * 4096 * 4, DecodeBudget.bytesNeeded(10_000, 10_000,
                ColorMode.GRAY));
        // the largest header sizes do not overflow into a small or negative need
        assertEquals(Long.MAX_VALUE, DecodeBudget.bytesNeeded(Integer.MAX_VALUE, Integer.MAX_VALUE, ColorMode.RGB));
    }

    @Test
    void pixelLimitIsInclusive() {
        ImageLimits limits = new ImageLimits(100, 1000);
        assertDoesNotThrow(() -> DecodeBudget.check("a", 10, 10, ColorMode.GRAY, limits));
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> DecodeBudget.check("a", 101, 1,
                ColorMode.GRAY, limits));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals("a: the header claims 101 × 1 pixels (101 pixels); at most 100 pixels are accepted.",
                e.getMessage());
    }

    @Test
    void moreThanTheHeapCanHoldIsTooLarge() {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> DecodeBudget.check("b", 2_000_000_000,
                2_000_000_000, ColorMode.GRAY, UNLIMITED));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
        assertTrue(DecodeBudget.freeHeap() > 0);
    }

    @Test
    void emptySizesAreCorrupt() {
        assertEquals(Reason.CORRUPT, assertThrows(ImageDecodeException.class, () -> DecodeBudget.check("c", 0, 5,
                ColorMode.RGB, UNLIMITED)).reason());
    }
}
