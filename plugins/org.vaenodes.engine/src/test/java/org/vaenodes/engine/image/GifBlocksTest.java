package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vaenodes.engine.image.ImageDecodeException.Reason;

class GifBlocksTest {

    @Test
    void completeGifsPass() {
        byte[] still = ImageTestFiles.write(ImageTestFiles.rgb(9, 7, (x, y) -> x * 0x1F0000 + y * 0x1F), "gif");
        assertDoesNotThrow(() -> GifBlocks.checkFirstFrame(still, "s.gif"));
    }

    @Test
    void onlyTheFirstFrameNeedsToBeComplete() {
        byte[] first = ImageTestFiles.animatedGif(ImageTestFiles.plain(6, 6, 0xFF0000));
        byte[] two = ImageTestFiles.animatedGif(ImageTestFiles.plain(6, 6, 0xFF0000), ImageTestFiles.plain(6, 6,
                0x0000FF));
        // cut in the second frame: the first is whole
        byte[] cut = ImageTestFiles.head(two, first.length + 4);
        assertDoesNotThrow(() -> GifBlocks.checkFirstFrame(cut, "a.gif"));
    }

    @Test
    void cutsInsideTheFirstFrameAreTruncated() {
        byte[] still = ImageTestFiles.write(ImageTestFiles.rgb(16, 16, (x, y) -> x * 7919 + y * 31), "gif");
        // the first frame's data ends with its zero-length sub-block, followed by the trailer (3B)
        for (int n = 1; n < still.length - 1; n++) {
            int length = n;
            ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> GifBlocks.checkFirstFrame(
                    ImageTestFiles.head(still, length), "t.gif"), "cut at " + n);
            assertEquals(Reason.TRUNCATED, e.reason());
        }
    }
}
