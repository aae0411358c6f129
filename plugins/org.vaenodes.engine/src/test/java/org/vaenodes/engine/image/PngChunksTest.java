package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaenodes.engine.image.ImageTestFiles.ihdr;
import static org.vaenodes.engine.image.ImageTestFiles.pngChunk;
import static org.vaenodes.engine.image.ImageTestFiles.pngOf;

import org.junit.jupiter.api.Test;
import org.vaenodes.engine.image.ImageDecodeException.Reason;

class PngChunksTest {

    private static final byte[] IEND = pngChunk("IEND", new byte[0]);

    @Test
    void completeChunkListPasses() {
        byte[] file = pngOf(ihdr(2, 2, 8, 0), pngChunk("tEXt", new byte[5]), pngChunk("IDAT", new byte[9]), IEND);
        assertDoesNotThrow(() -> PngChunks.check(file, "ok.png"));
        // bytes after IEND are not the image's business
        byte[] trailing = java.util.Arrays.copyOf(file, file.length + 7);
        assertDoesNotThrow(() -> PngChunks.check(trailing, "ok.png"));
    }

    @Test
    void everyCutBeforeTheEndIsTruncated() {
        byte[] file = pngOf(ihdr(2, 2, 8, 0), pngChunk("IDAT", new byte[30]), IEND);
        for (int n = 8; n < file.length; n++) {
            int length = n;
            ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> PngChunks.check(
                    ImageTestFiles.head(file, length), "cut.png"), "cut at " + n);
            assertEquals(Reason.TRUNCATED, e.reason(), e.getMessage());
        }
    }

    @Test
    void aFirstChunkOtherThanIhdrIsCorrupt() {
        assertReason(Reason.CORRUPT, pngOf(pngChunk("IDAT", new byte[13]), IEND), "IHDR");
        assertReason(Reason.CORRUPT, pngOf(pngChunk("IHDR", new byte[12]), IEND), "IHDR");
    }

    @Test
    void invalidTypesAndLengthsAreCorrupt() {
        byte[] badType = pngOf(ihdr(1, 1, 8, 0), pngChunk("ID4T", new byte[1]), IEND);
        assertReason(Reason.CORRUPT, badType, "invalid type");
        byte[] hugeLength = pngOf(ihdr(1, 1, 8, 0), pngChunk("IDAT", new byte[1]), IEND);
        hugeLength[33] = (byte) 0x80; // the IDAT length's top byte: above 2^31 - 1
        assertReason(Reason.CORRUPT, hugeLength, "impossible length");
    }

    private static void assertReason(Reason reason, byte[] file, String fragment) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> PngChunks.check(file, "x.png"));
        assertEquals(reason, e.reason());
        assertTrue(e.getMessage().startsWith("x.png: ") && e.getMessage().contains(fragment), e.getMessage());
    }
}
