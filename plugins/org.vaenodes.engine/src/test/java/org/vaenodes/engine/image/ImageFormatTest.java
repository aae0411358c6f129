package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ImageFormatTest {

    @Test
    void recognisesTheFourFormatsByTheirFirstBytes() {
        assertEquals(ImageFormat.PNG, ImageFormat.detect(ImageTestFiles.PNG_SIGNATURE));
        assertEquals(ImageFormat.JPEG, ImageFormat.detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}));
        assertEquals(ImageFormat.GIF, ImageFormat.detect(ascii("GIF87a")));
        assertEquals(ImageFormat.GIF, ImageFormat.detect(ascii("GIF89a...")));
        assertEquals(ImageFormat.BMP, ImageFormat.detect(ascii("BM6")));
        assertNull(ImageFormat.detect(ascii("GIF90a")));
        assertNull(ImageFormat.detect(new byte[] {(byte) 0xFF, (byte) 0xD8}));
        assertNull(ImageFormat.detect(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
        assertNull(ImageFormat.detect(new byte[0]));
    }

    @Test
    void namesCommonFormatsThatAreNotRead() {
        assertEquals("TIFF", ImageFormat.unreadableFormat(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0}));
        assertEquals("TIFF", ImageFormat.unreadableFormat(new byte[] {'M', 'M', 0, 42}));
        assertEquals("WebP", ImageFormat.unreadableFormat(ascii("RIFF\1\2\3\4WEBPVP8L")));
        assertEquals("HEIF/HEIC", ImageFormat.unreadableFormat(ascii("\0\0\0\u0018ftypheic")));
        assertEquals("AVIF", ImageFormat.unreadableFormat(ascii("\0\0\0\u001cftypavif")));
        assertEquals("JPEG 2000", ImageFormat.unreadableFormat(new byte[] {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 13,
            10}));
        assertEquals("Photoshop (PSD)", ImageFormat.unreadableFormat(ascii("8BPS\0\1")));
        assertNull(ImageFormat.unreadableFormat(ascii("RIFF\1\2\3\4WAVEfmt ")));
        assertNull(ImageFormat.unreadableFormat(ascii("hello")));
    }

    @Test
    void describesTheStartAsHexAndText() {
        assertEquals("48 65 6C 6C 6F 0A (\"Hello.\")", ImageFormat.describeStart(ascii("Hello\n")));
        assertEquals("25 50 44 46 2D 31 2E 37 (\"%PDF-1.7\")", ImageFormat.describeStart(ascii("%PDF-1.7 more")));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
