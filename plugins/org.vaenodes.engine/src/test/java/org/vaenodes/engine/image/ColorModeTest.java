package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ColorModeTest {

    @Test
    void channelsMatchImageShape() {
        assertEquals(1, ColorMode.GRAY.channels());
        assertEquals(3, ColorMode.RGB.channels());
        assertEquals(ImageShape.channelsOf("grey"), ColorMode.GRAY.channels());
        assertEquals(ImageShape.channelsOf("rgb"), ColorMode.RGB.channels());
    }
}
