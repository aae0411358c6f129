package org.vaenodes.engine.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntBinaryOperator;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Image files for the tests, made on the fly: with ImageIO's writers where they can produce the case, by hand
 * (chunks, segments, headers) where they cannot. Nothing is read from disk or the network.
 */
final class ImageTestFiles {

    private ImageTestFiles() {
    }

    // ---- pictures ----

    /** An RGB picture with {@code colour(x, y)} as 0xRRGGBB. */
    static BufferedImage rgb(int width, int height, IntBinaryOperator colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, colour.applyAsInt(x, y));
            }
        }
        return image;
    }

    /** A picture of one colour. */
    static BufferedImage plain(int width, int height, int rgb) {
        return rgb(width, height, (x, y) -> rgb);
    }

    /** The six block colours of {@link #blocks}: strongly different, so JPEG loss cannot confuse them. */
    static final int[] BLOCK_COLOURS = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0x000000, 0xFFFFFF, 0x00FFFF,
        0xFF00FF};

    /**
     * {@code cols × rows} flat blocks of {@code side} pixels, block (i, j) coloured {@code BLOCK_COLOURS[(j * cols
     * + i) % 8]}: asymmetric under every rotation and mirroring when cols ≠ rows.
     */
    static BufferedImage blocks(int cols, int rows, int side) {
        return rgb(cols * side, rows * side, (x, y) -> BLOCK_COLOURS[((y / side) * cols + x / side) % 8]);
    }

    /** A grey picture with level {@code level(x, y)} (0–255). */
    static BufferedImage grey(int width, int height, IntBinaryOperator level) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                r.setSample(x, y, 0, level.applyAsInt(x, y));
            }
        }
        return image;
    }

    /** A palette picture: {@code index(x, y)} into the given ARGB palette (PNG writes PLTE and tRNS for it). */
    static BufferedImage indexed(int width, int height, int[] argbPalette, int transparentIndex,
            IntBinaryOperator index) {
        int n = argbPalette.length;
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) {
            a[i] = (byte) (argbPalette[i] >>> 24);
            r[i] = (byte) (argbPalette[i] >> 16);
            g[i] = (byte) (argbPalette[i] >> 8);
            b[i] = (byte) argbPalette[i];
        }
        IndexColorModel cm = transparentIndex >= 0 ? new IndexColorModel(8, n, r, g, b, transparentIndex)
                : new IndexColorModel(8, n, r, g, b, a);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, cm);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, index.applyAsInt(x, y));
            }
        }
        return image;
    }

    // ---- files ImageIO can write ----

    /** {@code image} in {@code format} ("png", "bmp", "gif", "tiff") with ImageIO's default settings. */
    static byte[] write(RenderedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertTrue(ImageIO.write(image, format, out), "ImageIO has a " + format + " writer for this image");
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] png(RenderedImage image) {
        return write(image, "png");
    }

    /** A baseline JPEG of {@code image} at {@code quality} (0–1). */
    static byte[] jpeg(RenderedImage image, float quality) {
        return writeJpeg(new IIOImage(image, null, null), quality);
    }

    /**
     * A JPEG of four raw components per pixel, {@code samples(x, y)} packed as 0xAABBCCDD (component 1 in the top
     * byte). ImageIO's writer stores them as they are, without a colour transform and without an Adobe segment;
     * {@link #withAdobeSegment} adds one.
     */
    static byte[] fourComponentJpeg(int width, int height, IntBinaryOperator samples) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int s = samples.applyAsInt(x, y);
                raster.setPixel(x, y, new int[] {s >>> 24, (s >> 16) & 0xFF, (s >> 8) & 0xFF, s & 0xFF});
            }
        }
        return writeJpeg(new IIOImage(raster, null, null), 0.98f);
    }

    private static byte[] writeJpeg(IIOImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, image, param);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** A GIF with one frame per picture, written as a sequence (an animation). */
    static byte[] animatedGif(BufferedImage... frames) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.prepareWriteSequence(null);
                for (BufferedImage frame : frames) {
                    writer.writeToSequence(new IIOImage(frame, null, null), null);
                }
                writer.endWriteSequence();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    // ---- JPEG segments ----

    /** {@code jpeg} with an APP1 "Exif" segment holding only the orientation tag (after a Make tag). */
    static byte[] withExifOrientation(byte[] jpeg, int orientation, boolean littleEndian) {
        return withSegment(jpeg, 0xE1, exifPayload(tiffWithOrientation(orientation, littleEndian)));
    }

    /** "Exif\0\0" followed by {@code tiff}. */
    static byte[] exifPayload(byte[] tiff) {
        byte[] payload = new byte[6 + tiff.length];
        System.arraycopy("Exif".getBytes(StandardCharsets.US_ASCII), 0, payload, 0, 4);
        System.arraycopy(tiff, 0, payload, 6, tiff.length);
        return payload;
    }

    /** A TIFF block (header and IFD0 with two entries: Make "Cam", then orientation). */
    static byte[] tiffWithOrientation(int orientation, boolean littleEndian) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4).order(littleEndian ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN);
        b.put(littleEndian ? (byte) 'I' : (byte) 'M').put(littleEndian ? (byte) 'I' : (byte) 'M');
        b.putShort((short) 42).putInt(8);
        b.putShort((short) 2);
        b.putShort((short) 0x010F).putShort((short) 2).putInt(4).put(new byte[] {'C', 'a', 'm', 0});
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putInt(0);
        return b.array();
    }

    /** {@code jpeg} with an Adobe APP14 segment declaring {@code transform} (0 CMYK/RGB, 1 YCbCr, 2 YCCK). */
    static byte[] withAdobeSegment(byte[] jpeg, int transform) {
        byte[] payload = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        return withSegment(jpeg, 0xEE, payload);
    }

    /** {@code jpeg} with a marker segment inserted after SOI and an APP0 (JFIF) segment if there is one. */
    static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        int at = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            at += 2 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        int length = payload.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(payload, 0, payload.length);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /** Where the first segment with {@code marker} starts (its FF), or -1. */
    static int findMarker(byte[] jpeg, int marker) {
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xFF) == 0xFF) {
            int m = jpeg[pos + 1] & 0xFF;
            if (m == marker) {
                return pos;
            }
            if (m == 0xDA) {
                return -1;
            }
            pos += 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
        }
        return -1;
    }

    // ---- PNG by hand ----

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    /** One chunk: length, type, data, CRC over type and data. */
    static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    /** The signature and the given chunks. */
    static byte[] pngOf(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
        for (byte[] c : chunks) {
            out.write(c, 0, c.length);
        }
        return out.toByteArray();
    }

    static byte[] ihdr(int width, int height, int bitDepth, int colourType) {
        return pngChunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth)
                .put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0).array());
    }

    /**
     * A complete, well-framed PNG of a few dozen bytes whose header claims {@code width × height} 8-bit grey
     * pixels; its data would decode only the first row (a decompression bomb if anything allocated the whole).
     */
    static byte[] claimingPng(int width, int height) {
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[16]);
        deflater.finish();
        byte[] buf = new byte[64];
        int n = deflater.deflate(buf);
        deflater.end();
        return pngOf(ihdr(width, height, 8, 0), pngChunk("IDAT", Arrays.copyOf(buf, n)),
                pngChunk("IEND", new byte[0]));
    }

    // ---- BMP by hand ----

    /**
     * A 32-bit BMP with a BITMAPV4HEADER whose bit fields include an alpha mask (ImageIO's writer does not write
     * alpha BMPs); {@code argb(x, y)} gives the pixels, top row first.
     */
    static byte[] bmpWithAlpha(int width, int height, IntBinaryOperator argb) {
        int header = 14 + 108;
        int size = header + width * height * 4;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(size).putInt(0).putInt(header);
        b.putInt(108).putInt(width).putInt(-height) // negative height: rows stored top-down
                .putShort((short) 1).putShort((short) 32).putInt(3 /* BI_BITFIELDS */).putInt(width * height * 4)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        b.putInt(0x00FF0000).putInt(0x0000FF00).putInt(0x000000FF).putInt(0xFF000000);
        b.putInt(0x73524742); // colour space "sRGB"
        b.put(new byte[36 + 12]); // endpoints and gamma, unused for sRGB
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                b.putInt(argb.applyAsInt(x, y));
            }
        }
        return b.array();
    }

    // ---- edits ----

    /** The first {@code n} bytes. */
    static byte[] head(byte[] bytes, int n) {
        return Arrays.copyOf(bytes, n);
    }

    /** A copy with {@code bytes[at] = value}. */
    static byte[] patched(byte[] bytes, int at, int value) {
        byte[] copy = bytes.clone();
        copy[at] = (byte) value;
        return copy;
    }
}
