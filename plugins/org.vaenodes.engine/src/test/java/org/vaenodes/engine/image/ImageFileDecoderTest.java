package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaenodes.engine.image.ImageTestFiles.blocks;
import static org.vaenodes.engine.image.ImageTestFiles.grey;
import static org.vaenodes.engine.image.ImageTestFiles.jpeg;
import static org.vaenodes.engine.image.ImageTestFiles.plain;
import static org.vaenodes.engine.image.ImageTestFiles.png;
import static org.vaenodes.engine.image.ImageTestFiles.rgb;
import static org.vaenodes.engine.image.ImageTestFiles.write;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaenodes.engine.image.ImageDecodeException.Reason;

/**
 * The decoding rules of {@link ImageFileDecoder}, one format or rule at a time, on files the tests write
 * ({@link ImageTestFiles}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImageFileDecoderTest {

    private static final float EXACT = 1e-6f;
    /** Flat JPEG areas at high quality come back within a few levels; 0.1 leaves room, far below colour gaps. */
    private static final float JPEG = 0.1f;

    private final ImageFileDecoder decoder = new ImageFileDecoder(ImageLimits.DEFAULT);

    @TempDir
    Path dir;

    // ---- formats and values ----

    @Test
    void pngRgbValuesAreTheStoredBytesOver255() throws Exception {
        DecodedImage image = decode(png(rgb(3, 2, (x, y) -> (x * 100 << 16) | (y * 200 << 8) | 7)), ColorMode.RGB);
        assertEquals(new ImageShape(3, 2, 3), image.shape());
        assertEquals(200 / 255f, image.value(2, 0, 0), EXACT);
        assertEquals(200 / 255f, image.value(1, 1, 1), EXACT);
        assertEquals(7 / 255f, image.value(0, 1, 2), EXACT);
        assertEquals(0f, image.value(0, 0, 0), EXACT);
    }

    @Test
    void colourToGreyUsesTheBt601LumaOnTheStoredValues() throws Exception {
        DecodedImage image = decode(png(plain(2, 2, 0xC86432)), ColorMode.GRAY);
        assertEquals(ImageShape.gray(2, 2), image.shape());
        assertEquals((0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 255, image.value(1, 1, 0), EXACT);
        assertEquals(0.299f, decode(png(plain(1, 1, 0xFF0000)), ColorMode.GRAY).value(0, 0, 0), EXACT);
        assertEquals(0.587f, decode(png(plain(1, 1, 0x00FF00)), ColorMode.GRAY).value(0, 0, 0), EXACT);
        assertEquals(0.114f, decode(png(plain(1, 1, 0x0000FF)), ColorMode.GRAY).value(0, 0, 0), EXACT);
    }

    @Test
    void greyPngKeepsItsLevelsAndGivesEqualChannelsAsRgb() throws Exception {
        byte[] file = png(grey(4, 1, (x, y) -> x * 60 + 13));
        DecodedImage asGrey = decode(file, ColorMode.GRAY);
        DecodedImage asRgb = decode(file, ColorMode.RGB);
        for (int x = 0; x < 4; x++) {
            float level = (x * 60 + 13) / 255f;
            // the exact stored level: no linear-light conversion of the grey colour space
            assertEquals(level, asGrey.value(x, 0, 0), EXACT);
            for (int c = 0; c < 3; c++) {
                assertEquals(asGrey.value(x, 0, 0), asRgb.value(x, 0, c));
            }
        }
    }

    @Test
    void sixteenBitGreyPngKeepsSixteenBitPrecision() throws Exception {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        int[] levels = {0, 12400, 65535};
        image.getRaster().setPixels(0, 0, 3, 1, levels);
        DecodedImage decoded = decode(png(image), ColorMode.GRAY);
        for (int x = 0; x < 3; x++) {
            assertEquals(levels[x] / 65535f, decoded.value(x, 0, 0), EXACT);
        }
        // 12400 / 65535 lies between two 8-bit levels: proof the samples were not reduced to 8 bits
        assertTrue(Math.abs(decoded.value(1, 0, 0) * 255 - Math.round(decoded.value(1, 0, 0) * 255)) > 0.05);
    }

    @Test
    void sixteenBitRgbPngKeepsSixteenBitPrecision() throws Exception {
        ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                ColorModel.OPAQUE, DataBuffer.TYPE_USHORT);
        BufferedImage image = new BufferedImage(cm, cm.createCompatibleWritableRaster(2, 1), false, null);
        image.getRaster().setPixels(0, 0, 2, 1, new int[] {1, 30001, 65535, 40000, 0, 257});
        DecodedImage decoded = decode(png(image), ColorMode.RGB);
        assertArrayEquals(new float[] {1 / 65535f, 30001 / 65535f, 1, 40000 / 65535f, 0, 257 / 65535f},
                decoded.pixels(), EXACT);
        DecodedImage grey = decode(png(image), ColorMode.GRAY);
        assertEquals((0.299 * 1 + 0.587 * 30001 + 0.114 * 65535) / 65535, grey.value(0, 0, 0), EXACT);
    }

    @Test
    void pngAlphaIsCompositedOverWhiteBeforeGreyConversion() throws Exception {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x80FF0000); // half-transparent red
        image.setRGB(1, 0, 0x00000000); // fully transparent black
        image.setRGB(2, 0, 0xFF102030); // opaque
        byte[] file = png(image);
        DecodedImage rgb = decode(file, ColorMode.RGB);
        float a = 128 / 255f;
        assertArrayEquals(new float[] {1, 1 - a, 1 - a, 1, 1, 1, 0x10 / 255f, 0x20 / 255f, 0x30 / 255f},
                rgb.pixels(), EXACT);
        DecodedImage grey = decode(file, ColorMode.GRAY);
        assertEquals(0.299 + 0.587 * (1 - a) + 0.114 * (1 - a), grey.value(0, 0, 0), EXACT);
        assertEquals(1f, grey.value(1, 0, 0), EXACT);
    }

    @Test
    void palettePngIsExpandedThroughItsPaletteWithAlphaOverWhite() throws Exception {
        int[] palette = {0xFF000000, 0xFFFF8000, 0x400000FF, 0xFF336699};
        byte[] file = png(ImageTestFiles.indexed(4, 1, palette, -1, (x, y) -> x));
        DecodedImage image = decode(file, ColorMode.RGB);
        float a = 0x40 / 255f;
        assertArrayEquals(new float[] {0, 0, 0, 1, 0x80 / 255f, 0, 1 - a, 1 - a, 1, 0x33 / 255f, 0x66 / 255f,
            0x99 / 255f}, image.pixels(), EXACT);
    }

    @Test
    void gifIsExpandedThroughItsPaletteAndTransparencyBecomesWhite() throws Exception {
        int[] palette = {0xFF000000, 0xFFFF0000, 0xFF00FF00, 0xFF123456};
        byte[] file = write(ImageTestFiles.indexed(4, 2, palette, 2, (x, y) -> x), "gif");
        DecodedImage image = decode(file, ColorMode.RGB);
        assertEquals(new ImageShape(4, 2, 3), image.shape());
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 1, 1, 1, 0x12 / 255f, 0x34 / 255f, 0x56 / 255f},
                java.util.Arrays.copyOf(image.pixels(), 12), EXACT);
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws Exception {
        byte[] file = ImageTestFiles.animatedGif(plain(5, 4, 0xFF0000), plain(5, 4, 0x0000FF));
        DecodedImage image = decode(file, ColorMode.RGB);
        assertEquals(new ImageShape(5, 4, 3), image.shape());
        for (int i = 0; i < 20; i++) {
            assertEquals(1f, image.pixels()[i * 3], EXACT);
            assertEquals(0f, image.pixels()[i * 3 + 2], EXACT);
        }
    }

    @Test
    void bmpTwentyFourBitGivesTheStoredValues() throws Exception {
        DecodedImage image = decode(write(rgb(3, 2, (x, y) -> 0x010203 * (x + 3 * y + 1)), "bmp"), ColorMode.RGB);
        assertEquals(new ImageShape(3, 2, 3), image.shape());
        assertEquals(6 * 3 / 255f, image.value(2, 1, 2), EXACT);
        assertEquals(1 / 255f, image.value(0, 0, 0), EXACT);
    }

    @Test
    void bmpWithPaletteIsExpanded() throws Exception {
        // a full 256-entry palette: the JDK's BMP writer packs smaller palettes into 4-bit pixels incorrectly
        int[] palette = new int[256];
        java.util.Arrays.fill(palette, 0xFF777777);
        palette[0] = 0xFF000000;
        palette[1] = 0xFF804020;
        palette[2] = 0xFFFFFFFF;
        byte[] file = write(ImageTestFiles.indexed(3, 1, palette, -1, (x, y) -> x), "bmp");
        assertArrayEquals(new float[] {0, 0, 0, 0x80 / 255f, 0x40 / 255f, 0x20 / 255f, 1, 1, 1},
                decode(file, ColorMode.RGB).pixels(), EXACT);
    }

    @Test
    void thirtyTwoBitBmpAlphaIsCompositedOverWhite() throws Exception {
        byte[] file = ImageTestFiles.bmpWithAlpha(2, 2, (x, y) -> x == 0 ? 0x80FF0000 : 0xFF00FF00);
        DecodedImage image = decode(file, ColorMode.RGB);
        float a = 128 / 255f;
        assertArrayEquals(new float[] {1, 1 - a, 1 - a}, new float[] {image.value(0, 1, 0), image.value(0, 1, 1),
            image.value(0, 1, 2)}, EXACT);
        assertArrayEquals(new float[] {0, 1, 0}, new float[] {image.value(1, 0, 0), image.value(1, 0, 1),
            image.value(1, 0, 2)}, EXACT);
    }

    @Test
    void jpegColoursComeBackWithinJpegLoss() throws Exception {
        BufferedImage picture = blocks(4, 2, 16);
        DecodedImage image = decode(jpeg(picture, 0.95f), ColorMode.RGB);
        assertEquals(new ImageShape(64, 32, 3), image.shape());
        assertBlocks(picture, image, 16);
    }

    @Test
    void greyJpegDecodes() throws Exception {
        DecodedImage image = decode(jpeg(grey(16, 16, (x, y) -> x < 8 ? 40 : 220), 0.95f), ColorMode.GRAY);
        assertEquals(40 / 255f, image.value(2, 8, 0), JPEG);
        assertEquals(220 / 255f, image.value(13, 8, 0), JPEG);
    }

    @Test
    void aDamagedTextChunkDoesNotCostThePicture() throws Exception {
        byte[] file = png(plain(3, 3, 0x204060));
        byte[] text = ImageTestFiles.pngChunk("zTXt", new byte[] {'k', 0, 0, 1, 2, 3, 4}); // not a zlib stream
        byte[] withText = new byte[file.length + text.length];
        int afterHeader = 8 + 25; // signature and IHDR chunk
        System.arraycopy(file, 0, withText, 0, afterHeader);
        System.arraycopy(text, 0, withText, afterHeader, text.length);
        System.arraycopy(file, afterHeader, withText, afterHeader + text.length, file.length - afterHeader);
        assertEquals(0x40 / 255f, decode(withText, ColorMode.RGB).value(2, 2, 1), EXACT);
    }

    @Test
    void theFormatComesFromTheContentNotTheName() throws Exception {
        Path misnamed = dir.resolve("photo.gif");
        Files.write(misnamed, png(plain(2, 2, 0x00FF00)));
        assertEquals(1f, decoder.decode(misnamed, ColorMode.RGB).value(1, 1, 1), EXACT);
        ImageFileDecoder unlimited = new ImageFileDecoder(new ImageLimits(Long.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(1f, unlimited.decode(misnamed, ColorMode.RGB).value(0, 0, 1), EXACT);
    }

    // ---- EXIF orientation ----

    @ParameterizedTest(name = "orientation {0}, little-endian {1}")
    @CsvSource({"1,false", "2,false", "3,true", "4,true", "5,false", "6,false", "6,true", "7,true", "8,false",
        "8,true"})
    void exifOrientationTurnsThePictureUpright(int orientation, boolean littleEndian) throws Exception {
        BufferedImage upright = blocks(4, 2, 16);
        BufferedImage stored = asCameraStored(upright, orientation);
        byte[] file = ImageTestFiles.withExifOrientation(jpeg(stored, 0.95f), orientation, littleEndian);
        DecodedImage image = decode(file, ColorMode.RGB);
        assertEquals(new ImageShape(64, 32, 3), image.shape());
        assertBlocks(upright, image, 16);
    }

    @ParameterizedTest
    @CsvSource({"0", "9", "-1"})
    void orientationsOutsideOneToEightAreIgnored(int orientation) throws Exception {
        BufferedImage picture = blocks(4, 2, 16);
        byte[] file = ImageTestFiles.withExifOrientation(jpeg(picture, 0.95f), orientation, false);
        assertBlocks(picture, decode(file, ColorMode.RGB), 16);
    }

    @Test
    void aBrokenExifBlockIsIgnored() throws Exception {
        BufferedImage picture = blocks(4, 2, 16);
        byte[] tiff = ImageTestFiles.tiffWithOrientation(6, false);
        tiff[7] = 100; // IFD0 offset beyond the block
        byte[] file = ImageTestFiles.withSegment(jpeg(picture, 0.95f), 0xE1, ImageTestFiles.exifPayload(tiff));
        assertBlocks(picture, decode(file, ColorMode.RGB), 16);
        byte[] cut = ImageTestFiles.withSegment(jpeg(picture, 0.95f), 0xE1,
                ImageTestFiles.exifPayload(java.util.Arrays.copyOf(ImageTestFiles.tiffWithOrientation(6, true), 20)));
        assertBlocks(picture, decode(cut, ColorMode.RGB), 16);
    }

    /**
     * What a camera stores for the upright picture with this orientation tag, following the EXIF definition of
     * the tag: which visual side the stored 0th row and 0th column show.
     */
    private static BufferedImage asCameraStored(BufferedImage upright, int orientation) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        boolean swapped = orientation >= 5;
        BufferedImage stored = new BufferedImage(swapped ? h : w, swapped ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < stored.getHeight(); r++) {
            for (int c = 0; c < stored.getWidth(); c++) {
                int[] visual = switch (orientation) {
                    case 1 -> new int[] {c, r}; // 0th row top, 0th column left
                    case 2 -> new int[] {w - 1 - c, r}; // top, right
                    case 3 -> new int[] {w - 1 - c, h - 1 - r}; // bottom, right
                    case 4 -> new int[] {c, h - 1 - r}; // bottom, left
                    case 5 -> new int[] {r, c}; // left, top
                    case 6 -> new int[] {w - 1 - r, c}; // right, top
                    case 7 -> new int[] {w - 1 - r, h - 1 - c}; // right, bottom
                    case 8 -> new int[] {r, h - 1 - c}; // left, bottom
                    default -> throw new IllegalArgumentException();
                };
                stored.setRGB(c, r, upright.getRGB(visual[0], visual[1]));
            }
        }
        return stored;
    }

    // ---- CMYK JPEG ----

    /** A patch of C 0, M 0.8, Y 0.9, K 0.1 and one of C 0.6, M 0, Y 0.2, K 0.3 (fractions of full ink). */
    private static final double[][] INKS = {{0, 0.8, 0.9, 0.1}, {0.6, 0, 0.2, 0.3}};

    @Test
    void adobeCmykJpegIsConvertedFromInvertedValues() throws Exception {
        byte[] file = ImageTestFiles.withAdobeSegment(ImageTestFiles.fourComponentJpeg(32, 16,
                (x, y) -> packed(inverted(INKS[x / 16]))), 0);
        assertInkPatches(decode(file, ColorMode.RGB));
    }

    @Test
    void adobeYcckJpegIsConvertedThroughYccFirst() throws Exception {
        byte[] file = ImageTestFiles.withAdobeSegment(ImageTestFiles.fourComponentJpeg(32, 16,
                (x, y) -> packed(toYcck(inverted(INKS[x / 16])))), 2);
        assertInkPatches(decode(file, ColorMode.RGB));
    }

    @Test
    void cmykJpegWithoutAdobeSegmentIsReadAsPlainInk() throws Exception {
        byte[] file = ImageTestFiles.fourComponentJpeg(32, 16, (x, y) -> {
            int[] v = new int[4];
            for (int i = 0; i < 4; i++) {
                v[i] = (int) Math.round(INKS[x / 16][i] * 255);
            }
            return packed(v);
        });
        assertEquals(-1, ImageTestFiles.findMarker(file, 0xEE), "ImageIO's writer adds no Adobe segment");
        assertInkPatches(decode(file, ColorMode.RGB));
    }

    private void assertInkPatches(DecodedImage image) {
        assertEquals(new ImageShape(32, 16, 3), image.shape());
        for (int patch = 0; patch < 2; patch++) {
            double[] ink = INKS[patch];
            for (int c = 0; c < 3; c++) {
                double expected = (1 - ink[c]) * (1 - ink[3]);
                assertEquals(expected, image.value(patch * 16 + 8, 8, c), JPEG, "patch " + patch + " channel " + c);
            }
        }
        // the first patch is a strong red-orange, the second a teal: not confused with each other
        assertTrue(image.value(8, 8, 0) > 0.8 && image.value(8, 8, 2) < 0.2);
        assertTrue(image.value(24, 8, 0) < 0.4 && image.value(24, 8, 1) > 0.6);
    }

    private static int[] inverted(double[] ink) {
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            v[i] = (int) Math.round((1 - ink[i]) * 255);
        }
        return v;
    }

    /** Inverted C, M, Y taken as R, G, B into JFIF YCbCr; K kept. */
    private static int[] toYcck(int[] v) {
        double r = v[0];
        double g = v[1];
        double b = v[2];
        return new int[] {clamp(0.299 * r + 0.587 * g + 0.114 * b),
            clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b), clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b),
            v[3]};
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static int packed(int[] v) {
        return (v[0] << 24) | (v[1] << 16) | (v[2] << 8) | v[3];
    }

    // ---- large pictures ----

    @Test
    void picturesWiderThan4096AreReducedToFitKeepingTheirAspectAndMean() throws Exception {
        BufferedImage wide = rgb(8200, 12, (x, y) -> x % 2 == 0 ? 0xFFFFFF : 0x000000);
        DecodedImage image = decode(png(wide), ColorMode.GRAY);
        assertEquals(ImageShape.gray(4096, 6), image.shape());
        double sum = 0;
        for (float v : image.pixels()) {
            sum += v;
        }
        assertEquals(0.5, sum / image.pixels().length, 1e-3);
    }

    // ---- reasons ----

    @Test
    void emptyDataIsEmpty() throws Exception {
        assertReason(Reason.EMPTY, new byte[0], "empty.png");
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(empty,
                ColorMode.RGB));
        assertEquals(Reason.EMPTY, e.reason());
        assertTrue(e.getMessage().startsWith(empty.toString() + ": "), e.getMessage());
    }

    @Test
    void textNamedPngIsNotAnImage() throws Exception {
        Path text = dir.resolve("x.png");
        Files.writeString(text, "Hello, this is not a picture.\n", StandardCharsets.US_ASCII);
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(text,
                ColorMode.GRAY));
        assertEquals(Reason.NOT_AN_IMAGE, e.reason());
        assertTrue(e.getMessage().contains("\"Hello, t\""), e.getMessage());
    }

    @Test
    void otherImageFormatsAreUnsupported() throws Exception {
        ImageDecodeException tiff = assertReason(Reason.UNSUPPORTED, write(plain(4, 4, 0x123456), "tiff"),
                "scan.tif");
        assertTrue(tiff.getMessage().contains("TIFF"), tiff.getMessage());
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertReason(Reason.UNSUPPORTED, webp, "a.webp").getMessage().contains("WebP"));
    }

    @Test
    void jpegCodingProcessesImageIoCannotDecodeAreUnsupported() throws Exception {
        byte[] file = jpeg(plain(8, 8, 0x808080), 0.9f);
        int sof = ImageTestFiles.findMarker(file, 0xC0);
        assertTrue(sof > 0);
        assertTrue(assertReason(Reason.UNSUPPORTED, ImageTestFiles.patched(file, sof + 1, 0xC3), "lossless.jpg")
                .getMessage().contains("lossless"));
        assertTrue(assertReason(Reason.UNSUPPORTED, ImageTestFiles.patched(file, sof + 4, 12), "deep.jpg")
                .getMessage().contains("12-bit"));
    }

    @Test
    void fileLargerThanTheLimitIsRefusedFromItsSizeWithoutReadingIt() throws Exception {
        Path huge = dir.resolve("huge.png");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(8L << 30); // 8 GB, sparse: reading it would take long and could not fit in memory
        }
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(huge,
                ColorMode.RGB));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals(huge + ": the file has 8 GB (8,589,934,592 bytes); at most 256 MB are accepted.",
                e.getMessage());

        ImageFileDecoder small = new ImageFileDecoder(new ImageLimits(1000, 100));
        byte[] file = png(rgb(30, 30, (x, y) -> x * 7919 + y * 104729));
        assertTrue(file.length > 100);
        ImageDecodeException inMemory = assertThrows(ImageDecodeException.class, () -> small.decode(file, "row Row7",
                ColorMode.RGB));
        assertEquals(Reason.TOO_LARGE, inMemory.reason());
        assertTrue(inMemory.getMessage().endsWith("; at most 100 bytes are accepted."), inMemory.getMessage());
    }

    @Test
    void headerClaimingTooManyPixelsIsRefusedBeforeDecoding() throws Exception {
        decode(png(plain(2, 2, 0)), ColorMode.RGB); // ImageIO's registry and readers loaded before measuring
        byte[] bomb = ImageTestFiles.claimingPng(100_000, 100_000);
        assertTrue(bomb.length < 100);
        long allocatedBefore = allocatedBytes();
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(bomb,
                "photos/cat.png", ColorMode.RGB));
        long allocated = allocatedBytes() - allocatedBefore;
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals("photos/cat.png: the header claims 100000 × 100000 pixels (10,000 megapixels); at most 50"
                + " megapixels are accepted.", e.getMessage());
        if (allocatedBefore >= 0) {
            assertTrue(allocated < 16 << 20, "allocated " + allocated + " bytes");
        }
    }

    @Test
    void headerClaimingMoreThanTheFreeHeapIsRefusedBeforeDecoding() throws Exception {
        ImageFileDecoder unlimited = new ImageFileDecoder(new ImageLimits(Long.MAX_VALUE, Long.MAX_VALUE));
        byte[] bomb = ImageTestFiles.claimingPng(100_000, 100_000); // 80 GB at 8 bytes per pixel
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> unlimited.decode(bomb,
                "bomb.png", ColorMode.GRAY));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().startsWith("bomb.png: decoding its 100000 × 100000 pixels needs about 74.6 GB of"
                + " Java heap, but only "), e.getMessage());
    }

    @Test
    void randomBytesAfterAPngSignatureAreCorrupt() throws Exception {
        byte[] bytes = new byte[300];
        new Random(5).nextBytes(bytes);
        System.arraycopy(ImageTestFiles.PNG_SIGNATURE, 0, bytes, 0, 8);
        assertReason(Reason.CORRUPT, bytes, "noise.png");
    }

    @Test
    void damagedCompressedDataIsCorrupt() throws Exception {
        // zeroed IDAT data: framing intact, but not a zlib stream
        byte[] pixels = new byte[40];
        byte[] file = ImageTestFiles.pngOf(ImageTestFiles.ihdr(4, 4, 8, 0), ImageTestFiles.pngChunk("IDAT", pixels),
                ImageTestFiles.pngChunk("IEND", new byte[0]));
        assertReason(Reason.CORRUPT, file, "zeros.png");
        // a JPEG whose Huffman tables are zeroed
        byte[] jpeg = jpeg(blocks(2, 2, 8), 0.9f);
        int dht = ImageTestFiles.findMarker(jpeg, 0xC4);
        for (int i = dht + 4; i < dht + 20; i++) {
            jpeg[i] = 0;
        }
        assertReason(Reason.CORRUPT, jpeg, "tables.jpg");
    }

    @Test
    void filesCutInHalfAreTruncated() throws Exception {
        BufferedImage noise = rgb(64, 64, (x, y) -> new Random(x * 64L + y).nextInt());
        for (String format : new String[] {"png", "gif", "bmp"}) {
            byte[] file = write(noise, format);
            ImageDecodeException e = assertReason(Reason.TRUNCATED, ImageTestFiles.head(file, file.length / 2),
                    "half." + format);
            assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
        }
        byte[] jpeg = jpeg(noise, 0.9f);
        assertReason(Reason.TRUNCATED, ImageTestFiles.head(jpeg, jpeg.length / 2), "half.jpg");
        // a PNG cut right after its last data chunk: everything but the IEND chunk
        byte[] png = png(noise);
        assertReason(Reason.TRUNCATED, ImageTestFiles.head(png, png.length - 12), "noend.png");
    }

    @Test
    void unreadableFilesAreIoExceptionsNamingTheFile() {
        Path missing = dir.resolve("missing.png");
        IOException e = assertThrows(IOException.class, () -> decoder.decode(missing, ColorMode.RGB));
        assertEquals(missing + ": cannot read the image file (it does not exist).", e.getMessage());
        IOException folder = assertThrows(IOException.class, () -> decoder.decode(dir, ColorMode.RGB));
        assertTrue(folder.getMessage().startsWith(dir + ": "), folder.getMessage());
    }

    @Test
    void messagesNameTheSourceAndAreSentences() {
        byte[][] bad = {new byte[0], "text".getBytes(StandardCharsets.US_ASCII), ImageTestFiles.claimingPng(1 << 20,
            1 << 20), ImageTestFiles.head(png(plain(9, 9, 1)), 40)};
        for (byte[] b : bad) {
            ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(b, "row Row7",
                    ColorMode.GRAY));
            assertTrue(e.getMessage().startsWith("row Row7: ") && e.getMessage().endsWith("."), e.getMessage());
        }
    }

    /**
     * Damaged variants of valid files in every format (bytes changed, cut off) either decode or fail with an
     * {@link ImageDecodeException}: no runtime exception from ImageIO escapes, whatever the damage.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void damagedFilesNeverEscapeAsRuntimeExceptions() {
        ImageFileDecoder limited = new ImageFileDecoder(new ImageLimits(1_000_000, 1 << 20));
        BufferedImage picture = rgb(24, 16, (x, y) -> (x * 10 << 16) | (y * 15 << 8) | (x ^ y));
        byte[][] files = {png(picture), jpeg(picture, 0.8f), write(picture, "bmp"), write(picture, "gif"),
            ImageTestFiles.withExifOrientation(jpeg(picture, 0.8f), 6, true)};
        Random random = new Random(42);
        int decoded = 0;
        int refused = 0;
        for (int round = 0; round < 400; round++) {
            byte[] file = files[round % files.length].clone();
            int changes = 1 + random.nextInt(8);
            for (int i = 0; i < changes; i++) {
                // mostly in the first 100 bytes, where the headers are
                int at = random.nextInt(4) == 0 ? random.nextInt(file.length) : random.nextInt(Math.min(100,
                        file.length));
                file[at] = (byte) random.nextInt(256);
            }
            if (random.nextInt(5) == 0) {
                file = ImageTestFiles.head(file, 1 + random.nextInt(file.length));
            }
            try {
                limited.decode(file, "fuzz" + round, ColorMode.RGB);
                decoded++;
            } catch (ImageDecodeException e) {
                assertTrue(e.getMessage().startsWith("fuzz" + round + ": "), e.getMessage());
                refused++;
            }
        }
        assertTrue(decoded > 0 && refused > 0, decoded + " decoded, " + refused + " refused");
    }

    // ---- helpers ----

    private DecodedImage decode(byte[] file, ColorMode mode) throws ImageDecodeException {
        return decoder.decode(file, "test image", mode);
    }

    private ImageDecodeException assertReason(Reason reason, byte[] file, String name) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(file, name,
                ColorMode.RGB));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().startsWith(name + ": ") && e.getMessage().endsWith("."), e.getMessage());
        return e;
    }

    /** Every block of {@code expected} matches {@code image} at its centre within JPEG loss. */
    private static void assertBlocks(BufferedImage expected, DecodedImage image, int side) {
        assertEquals(expected.getWidth(), image.shape().width());
        assertEquals(expected.getHeight(), image.shape().height());
        for (int y = side / 2; y < expected.getHeight(); y += side) {
            for (int x = side / 2; x < expected.getWidth(); x += side) {
                int rgb = expected.getRGB(x, y);
                for (int c = 0; c < 3; c++) {
                    float want = ((rgb >> (16 - 8 * c)) & 0xFF) / 255f;
                    assertEquals(want, image.value(x, y, c), JPEG, "block at " + x + "," + y + " channel " + c);
                }
            }
        }
    }

    /** Bytes this thread has allocated so far, or -1 if the JVM does not tell. */
    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
            return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }
}
