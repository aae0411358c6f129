package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageLimitsTest {

    @Test
    void defaultIsFiftyMegapixelsAnd256Megabytes() {
        assertEquals(50_000_000L, ImageLimits.DEFAULT.maxPixels());
        assertEquals(256L * 1024 * 1024, ImageLimits.DEFAULT.maxFileBytes());
    }

    @Test
    void limitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new ImageLimits(1, -1));
    }
}
