package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SizeTextTest {

    @Test
    void megapixels() {
        assertEquals("50 megapixels", SizeText.megapixels(50_000_000));
        assertEquals("10,000 megapixels", SizeText.megapixels(10_000_000_000L));
        assertEquals("12.3 megapixels", SizeText.megapixels(12_345_678));
        assertEquals("0.1 megapixels", SizeText.megapixels(100_000));
        assertEquals("123 megapixels", SizeText.megapixels(123_456_789));
        assertEquals("99,999 pixels", SizeText.megapixels(99_999));
        assertEquals("1 pixel", SizeText.megapixels(1));
    }

    @Test
    void bytesInBinaryUnits() {
        assertEquals("0 bytes", SizeText.bytes(0));
        assertEquals("1023 bytes", SizeText.bytes(1023));
        assertEquals("1 KB", SizeText.bytes(1024));
        assertEquals("1.5 MB", SizeText.bytes(3L << 19));
        assertEquals("256 MB", SizeText.bytes(256L << 20));
        assertEquals("8 GB", SizeText.bytes(8L << 30));
        assertEquals("8 EB", SizeText.bytes(Long.MAX_VALUE));
        assertEquals("8,589,934,592", SizeText.count(8L << 30));
    }
}
