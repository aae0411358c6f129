package org.vaenodes.engine.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.vaenodes.engine.image.ImageDecodeException.Reason;

/**
 * Decodes PNG, JPEG, BMP and GIF files into float pixels (see {@link ImageShape} for the order) with the Java
 * runtime's own ImageIO readers, no further libraries. Thread-safe: every call uses its own reader.
 *
 * <p>Rules:
 * <ul>
 * <li><b>Format</b>: recognised from the first bytes (the magic numbers), never from the file name. Zero bytes are
 * EMPTY; TIFF, WebP, HEIF/AVIF, JPEG 2000 and PSD are UNSUPPORTED; anything else is NOT_AN_IMAGE.</li>
 * <li><b>Size limits</b>: a file larger than {@link ImageLimits#maxFileBytes()} is refused (TOO_LARGE) from its size,
 * before it is read. The width and height are read from the header and checked before decoding: more than
 * {@link ImageLimits#maxPixels()} pixels, or more than the free Java heap can hold (8 bytes per pixel for the
 * decoded raster plus 4 bytes per delivered value), is TOO_LARGE. A tiny file claiming a huge image is refused
 * without allocating anything.</li>
 * <li><b>Values</b>: 8-bit samples are divided by 255, 16-bit PNG samples by 65535 (full 16-bit precision).
 * Palette images are expanded through their palette.</li>
 * <li><b>Transparency</b> (PNG alpha or transparent palette entries, GIF transparency, 32-bit BMP with an alpha
 * mask): composited over white, c = a·c + (1 − a), before any grey conversion.</li>
 * <li><b>Grey</b>: ITU-R BT.601 luma, 0.299 R + 0.587 G + 0.114 B, on the stored (gamma-encoded) values. A grey
 * file read as RGB gives R = G = B.</li>
 * <li><b>JPEG orientation</b>: the EXIF orientation tag (APP1) is applied, so photos taken in portrait come out
 * upright; a missing or broken EXIF block, or a value outside 1–8, leaves the picture as stored.</li>
 * <li><b>CMYK and YCCK JPEGs</b> are converted with a simple ink formula, R = (1 − C)(1 − K) etc., honouring Adobe's
 * inverted storage; there is no ICC colour management, so colours are approximate (see {@link CmykRows}). Embedded
 * ICC profiles of other files are not applied either: the stored values are used as sRGB.</li>
 * <li><b>Animated GIFs</b>: the first frame only, at its own size (as stored, not placed on the GIF's
 * canvas).</li>
 * <li><b>Very large pictures</b>: a side above 4096 pixels is reduced by area averaging to fit within 4096 × 4096,
 * keeping the aspect ratio.</li>
 * <li><b>Damaged files</b>: a PNG without its end chunk, a JPEG without its end-of-image marker, or a GIF or BMP
 * whose data ends early is TRUNCATED (instead of a half-grey picture); any other damage, including internal errors
 * of the Java image readers on broken data, is CORRUPT. JPEG variants the Java reader cannot decode (lossless,
 * arithmetic-coded, 12-bit) are UNSUPPORTED.</li>
 * </ul>
 * Readers are always disposed; data is read from memory ({@link MemoryCacheImageInputStream}), never through
 * ImageIO's temporary disk cache.
 */
public final class ImageFileDecoder {

    /** The largest array the JVM reliably allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final ImageLimits limits;

    public ImageFileDecoder(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Decodes an image file; messages name the file as {@code file.toString()}.
     *
     * @throws ImageDecodeException if the content cannot be decoded (see the class comment for the rules)
     * @throws IOException          only if the file cannot be read at all (missing, a folder, no permission)
     */
    public DecodedImage decode(Path file, ColorMode mode) throws ImageDecodeException, IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mode, "mode");
        String source = file.toString();
        long size;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                throw new IOException(source + ": cannot read the image file, it is a folder.");
            }
            size = attributes.size();
        } catch (IOException e) {
            throw unreadable(source, e);
        }
        if (size > limits.maxFileBytes() || size > MAX_ARRAY) {
            throw tooLargeFile(source, size);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // one byte more than allowed: a file that grew since its size was read is still caught
            bytes = in.readNBytes((int) (Math.min(limits.maxFileBytes(), MAX_ARRAY - 1L) + 1));
        } catch (IOException e) {
            throw unreadable(source, e);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(source, "reading the file");
        }
        return decode(bytes, source, mode);
    }

    /**
     * Decodes an image held in memory (e.g. a binary cell).
     *
     * @param name names the image in messages, e.g. "row Row7"
     * @throws ImageDecodeException if the content cannot be decoded (see the class comment for the rules)
     */
    public DecodedImage decode(byte[] bytes, String name, ColorMode mode) throws ImageDecodeException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mode, "mode");
        String source = name == null || name.isBlank() ? "image" : name;
        if (bytes.length == 0) {
            throw new ImageDecodeException(Reason.EMPTY, source + ": the file is empty (0 bytes); expected a "
                    + ImageFormat.READABLE + " image.");
        }
        if (bytes.length > limits.maxFileBytes()) {
            throw tooLargeFile(source, bytes.length);
        }
        ImageFormat format = ImageFormat.detect(bytes);
        if (format == null) {
            throw unknownFormat(bytes, source);
        }
        try {
            return decode(bytes, source, format, mode);
        } catch (OutOfMemoryError e) {
            // the budget check leaves room, but other threads may have taken it meanwhile
            throw outOfMemory(source, "decoding the image");
        }
    }

    private DecodedImage decode(byte[] bytes, String source, ImageFormat format, ColorMode mode)
            throws ImageDecodeException {
        JpegLayout jpeg = null;
        switch (format) {
            case PNG -> PngChunks.check(bytes, source);
            case JPEG -> jpeg = JpegMarkers.read(bytes, source);
            case GIF -> GifBlocks.checkFirstFrame(bytes, source);
            case BMP -> {
                // no framing to check cheaply; ImageIO's EOFException on short pixel data says TRUNCATED
            }
        }
        ImageReader reader = readerFor(format, source);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            // seek forward only: one pass over the data, GIF frames after the first never buffered; metadata
            // ignored: the readers still apply what pixels depend on (palette, PNG tRNS, GIF transparency),
            // and damaged text or colour-profile chunks cannot fail the image
            reader.setInput(in, true, true);
            DecodeBudget.check(source, reader.getWidth(0), reader.getHeight(0), mode, limits);
            RgbRows rows;
            if (jpeg != null && jpeg.components() == 4) {
                rows = new CmykRows(reader.readRaster(0, null), jpeg.adobeTransform());
            } else {
                BufferedImage image = reader.read(0);
                rows = new BufferedImageRows(image);
            }
            DecodedImage decoded = PixelAssembler.assemble(rows, mode);
            if (jpeg != null && jpeg.exifOffset() >= 0) {
                int orientation = ExifOrientation.read(bytes, jpeg.exifOffset(), jpeg.exifLength());
                decoded = OrientationTransform.upright(decoded, orientation);
            }
            return decoded;
        } catch (IOException | RuntimeException e) {
            throw ImageIoFailures.classify(e, source, format);
        } finally {
            reader.dispose();
        }
    }

    /**
     * The Java runtime's own reader if present (its behaviour is what the rules above describe), else the first one
     * registered; other libraries can register readers for the same formats.
     */
    private static ImageReader readerFor(ImageFormat format, String source) throws ImageDecodeException {
        List<ImageReader> readers = new ArrayList<>();
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format.imageIoName()); it.hasNext();) {
            readers.add(it.next());
        }
        if (readers.isEmpty()) {
            throw new ImageDecodeException(Reason.UNSUPPORTED, source + ": this Java runtime has no " + format
                    .displayName() + " reader; expected one in every standard Java installation.");
        }
        ImageReader chosen = readers.stream().filter(r -> r.getClass().getName().startsWith("com.sun.imageio."))
                .findFirst().orElse(readers.get(0));
        for (ImageReader r : readers) {
            if (r != chosen) {
                r.dispose();
            }
        }
        return chosen;
    }

    private static ImageDecodeException unknownFormat(byte[] bytes, String source) {
        String other = ImageFormat.unreadableFormat(bytes);
        if (other != null) {
            return new ImageDecodeException(Reason.UNSUPPORTED, source + ": the data is a " + other
                    + " image; only " + ImageFormat.READABLE.replace(" or ", " and ") + " images are read.");
        }
        return new ImageDecodeException(Reason.NOT_AN_IMAGE, source + ": the data is not a " + ImageFormat.READABLE
                + " image (it starts with " + ImageFormat.describeStart(bytes)
                + "); the format is recognised from the content, not from the file name.");
    }

    private ImageDecodeException tooLargeFile(String source, long size) {
        return new ImageDecodeException(Reason.TOO_LARGE, source + ": the file has " + SizeText.bytes(size) + " ("
                + SizeText.count(size) + " bytes); at most " + SizeText.bytes(Math.min(limits.maxFileBytes(),
                        MAX_ARRAY)) + " are accepted.");
    }

    private static ImageDecodeException outOfMemory(String source, String activity) {
        return new ImageDecodeException(Reason.TOO_LARGE, source + ": the Java heap ran out while " + activity
                + "; give KNIME more memory (-Xmx in knime.ini) or use smaller images.");
    }

    private static IOException unreadable(String source, IOException e) {
        if (e.getMessage() != null && e.getMessage().startsWith(source + ": ")) {
            return e; // already ours
        }
        String why;
        if (e instanceof NoSuchFileException) {
            why = "it does not exist";
        } else if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else {
            why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new IOException(source + ": cannot read the image file (" + why + ").", e);
    }
}
