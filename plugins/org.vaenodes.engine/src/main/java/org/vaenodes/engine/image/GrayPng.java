package org.vaenodes.engine.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Encodes one 8-bit grey image as PNG bytes (what KNIME's PNG image cells hold). */
public final class GrayPng {

    private GrayPng() {
    }

    /**
     * @param pixels row-major grey values, 0 = black, 255 = white, length {@code rows * cols}
     * @param offset index of the first pixel in {@code pixels}
     */
    public static byte[] encode(byte[] pixels, int offset, int rows, int cols) {
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        byte[] raster = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, offset, raster, 0, rows * cols);
        return write(img);
    }

    static byte[] write(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            // ImageIO writing to memory only fails if no PNG writer exists, which every JDK has
            throw new UncheckedIOException("PNG encoding failed", e);
        }
    }
}
