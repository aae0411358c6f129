package org.vaenodes.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.vaenodes.engine.concurrent.EngineThread;
import org.vaenodes.engine.model.Encoding;
import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.network.LegacyLayout;
import org.vaenodes.engine.spec.InputDescription;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.TrainedModel;

/**
 * Model files are DL4J model zips: a plain DL4J program loads ours, we load DL4J's own, and every hostile or foreign
 * file gets its own clear refusal before anything large is allocated.
 */
class Dl4jModelFilesTest {

    static final int ROWS = 1000;
    static TrainedModel model;
    static byte[] bytes;
    static float[] x;

    @BeforeAll
    static void model() throws IOException {
        VaeConfig cfg = VaeConfig.of(784, new int[] {48}, 6).withImageShape(28, 28);
        Vae vae = Vae.create(cfg, 17);
        Provenance p = new Provenance("00", 10, 17, "CpuBackend", "test", "1.0.0-M2.1", "0.1.0",
                java.time.Instant.EPOCH, java.time.Instant.EPOCH);
        model = new TrainedModel(vae, List.of(), InputDescription.ofList("Pixels", 784), p);
        bytes = ModelArchive.toBytes(model);
        x = new float[ROWS * 784];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(3) == 0 ? 0f : r.nextFloat();
        }
    }

    @Test
    void aWrittenFileIsADl4jZipWithOurMetadataAndNoUpdaterState() throws IOException {
        Map<String, byte[]> e = entries(bytes);
        assertEquals(List.of("configuration.json", "coefficients.bin", ModelArchive.FORMAT, ModelArchive.CONFIG,
                ModelArchive.HISTORY, ModelArchive.INPUT, ModelArchive.PROVENANCE), new ArrayList<>(e.keySet()));
        assertTrue(new String(e.get("configuration.json"), StandardCharsets.UTF_8)
                .contains("org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder"));
        TrainedModel back = ModelArchive.fromBytes(bytes);
        assertArrayEquals(model.vae().parameters(), back.vae().parameters());
        assertTrue(back.vae().isDl4jNetwork());
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aPlainDl4jProgramLoadsTheFileAndReproducesOurEncoderMeans(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.zip");
        Files.write(file, bytes);
        Path in = dir.resolve("x.bin");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(in))) {
            for (float v : x) {
                out.writeFloat(v);
            }
        }
        Path outFile = dir.resolve("mu.bin");
        // only DL4J 1.0.0-M2.1 and its dependencies (the jars the engine embeds) plus this machine's CPU natives
        // (Maven's copies of what the platform's native fragment embeds); none of our classes
        String jars = java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("-linux-x86_64.jar") || e.contains("-linux-arm64.jar")
                        || e.contains("-macosx-") || e.contains("-windows-x86_64.jar"))
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process proc = new ProcessBuilder(java, "-cp", new File("lib").getAbsolutePath() + File.separator + "*"
                + File.pathSeparator + jars,
                new File("src/test/plain-dl4j/PlainDl4jEncode.java").getAbsolutePath(), file.toString(),
                Integer.toString(ROWS), "784", in.toString(), outFile.toString()).redirectErrorStream(true).start();
        String log = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, proc.waitFor(), log);
        assertTrue(log.contains("layer0=org.deeplearning4j.nn.layers.variational.VariationalAutoencoder"), log);
        float[] dl4j = new float[ROWS * 6];
        try (DataInputStream din = new DataInputStream(Files.newInputStream(outFile))) {
            for (int i = 0; i < dl4j.length; i++) {
                dl4j[i] = din.readFloat();
            }
        }
        Encoding ours = model.vae().encode(x, ROWS, null);
        assertArrayEquals(ours.mu(), dl4j, 1e-5f);
    }

    @Test
    void aVaeZipSavedByDl4jItselfIsReadAndEncodesAsDl4jDoes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dl4j.zip");
        float[][] dl4jMeans = new float[1][];
        EngineThread.run(() -> {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                    .list().layer(new VariationalAutoencoder.Builder().nIn(784).nOut(5).encoderLayerSizes(40, 30)
                            .decoderLayerSizes(30).activation(Activation.TANH)
                            .pzxActivationFunction(Activation.IDENTITY)
                            .reconstructionDistribution(new BernoulliReconstructionDistribution(Activation.SIGMOID))
                            .build())
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            try {
                ModelSerializer.writeModel(net, file.toFile(), true);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            dl4jMeans[0] = net.output(Nd4j.create(x, new long[] {ROWS, 784}, 'c')).dup('c').data().asFloat();
        });
        ModelArchive.Loaded loaded;
        try (InputStream in = Files.newInputStream(file)) {
            loaded = ModelArchive.readWithWarnings(in);
        }
        TrainedModel m = loaded.model();
        assertEquals(28, m.config().imageRows(), "a 784-wide input is taken as a 28 × 28 image");
        assertEquals(org.vaenodes.engine.spec.Activation.TANH, m.config().activation());
        assertEquals(List.of(), loaded.warnings());
        assertArrayEquals(dl4jMeans[0], m.vae().encode(x, ROWS, null).mu(), 1e-5f);
        // what the file is, without building its network: the same configuration, input and backend
        ModelArchive.Described d;
        try (InputStream in = Files.newInputStream(file)) {
            d = ModelArchive.describe(in);
        }
        assertEquals(m.config(), d.config());
        assertEquals(m.input(), d.input());
        assertEquals(m.provenance().backend(), d.backend());
    }

    @Test
    void describingAModelChecksItsSmallEntriesAndLeavesTheParametersToTheRead() throws IOException {
        ModelArchive.Described d = ModelArchive.describe(new ByteArrayInputStream(bytes));
        assertEquals(model.config(), d.config());
        assertEquals(model.input(), d.input());
        assertEquals(model.provenance().backend(), d.backend());
        // damaged parameters: the description is still there, reading the model names the damage
        Map<String, byte[]> e = entries(bytes);
        String params = e.containsKey("coefficients.bin") ? "coefficients.bin" : ModelArchive.WEIGHTS;
        e.put(params, java.util.Arrays.copyOf(e.get(params), 100));
        byte[] damaged = zip(e);
        assertEquals(model.config(), ModelArchive.describe(new ByteArrayInputStream(damaged)).config());
        fails(damaged);
        // a damaged small entry is found by both
        e = entries(bytes);
        e.remove(ModelArchive.INPUT);
        byte[] noInput = zip(e);
        assertThrows(ModelFormatException.class, () -> ModelArchive.describe(new ByteArrayInputStream(noInput)));
    }

    @Test
    void aClassifierIsRefusedAsNotAVae(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("classifier.zip");
        EngineThread.run(() -> {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                    .layer(new DenseLayer.Builder().nIn(4).nOut(3).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2)
                            .activation(Activation.SOFTMAX).build())
                    .build());
            net.init();
            try {
                ModelSerializer.writeModel(net, file.toFile(), false);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String msg = fails(Files.readAllBytes(file));
        assertTrue(msg.contains("not a single VariationalAutoencoder layer") && msg.contains("DenseLayer"), msg);
    }

    @Test
    void eachHostileOrForeignFileGetsItsOwnMessage() throws IOException {
        Map<String, byte[]> good = entries(bytes);

        String msg;
        Map<String, byte[]> pre = new LinkedHashMap<>(good);
        pre.put("preprocessor.bin", new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5});
        assertTrue(fails(zip(pre)).contains("Java-serialised"));

        Map<String, byte[]> path = new LinkedHashMap<>(good);
        path.put("../../evil.txt", new byte[1]);
        assertTrue(fails(zip(path)).contains("with a path"));

        Map<String, byte[]> many = new LinkedHashMap<>(good);
        for (int i = 0; i < 70; i++) {
            many.put("extra" + i, new byte[1]);
        }
        assertTrue(fails(zip(many)).contains("more than 64 entries"));

        Map<String, byte[]> badJson = new LinkedHashMap<>(good);
        badJson.put("configuration.json", "{ \"confs\" : [ { \"layer\" : 17 ".getBytes(StandardCharsets.UTF_8));
        assertTrue(fails(zip(badJson)).contains("cannot parse"));

        Map<String, byte[]> foreignType = new LinkedHashMap<>(good);
        foreignType.put("configuration.json", new String(good.get("configuration.json"), StandardCharsets.UTF_8)
                .replace("ActivationReLU", "ActivationSwish").getBytes(StandardCharsets.UTF_8));
        assertTrue(fails(zip(foreignType)).contains("not supported: org.nd4j.linalg.activations.impl.ActivationSwish"));

        // a JSON escape must not hide a type name from the allow-list
        Map<String, byte[]> escaped = new LinkedHashMap<>(good);
        escaped.put("configuration.json", new String(good.get("configuration.json"), StandardCharsets.UTF_8)
                .replace("\"@class\" : \"org.nd4j.linalg.activations.impl.ActivationReLU\"",
                        "\"\\u0040class\" : \"org.nd4j.linalg.activations.impl.ActivationSwish\"")
                .getBytes(StandardCharsets.UTF_8));
        assertTrue(new String(escaped.get("configuration.json"), StandardCharsets.UTF_8).contains("\\u0040class"));
        msg = fails(zip(escaped));
        assertTrue(msg.contains("not supported: org.nd4j.linalg.activations.impl.ActivationSwish"), msg);

        Map<String, byte[]> deep = new LinkedHashMap<>(good);
        deep.put("configuration.json", ("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        msg = fails(zip(deep));
        assertTrue(msg.contains("nests deeper than"), msg);

        Map<String, byte[]> hugeInput = new LinkedHashMap<>(good);
        hugeInput.put("configuration.json", new String(good.get("configuration.json"), StandardCharsets.UTF_8)
                .replace("\"nin\" : 784", "\"nin\" : 99999999999").getBytes(StandardCharsets.UTF_8));
        msg = fails(zip(hugeInput));
        assertTrue(msg.contains("99999999999 inputs"), msg);

        Map<String, byte[]> shortCoefficients = new LinkedHashMap<>(good);
        byte[] c = good.get("coefficients.bin");
        shortCoefficients.put("coefficients.bin", java.util.Arrays.copyOf(c, c.length - 40));
        msg = fails(zip(shortCoefficients));
        assertTrue(msg.contains("coefficients.bin") && msg.contains("bytes of data"), msg);

        Map<String, byte[]> otherNetwork = new LinkedHashMap<>(good);
        otherNetwork.put("configuration.json", new String(good.get("configuration.json"), StandardCharsets.UTF_8)
                .replace("\"nout\" : 6", "\"nout\" : 7").getBytes(StandardCharsets.UTF_8));
        msg = fails(zip(otherNetwork));
        assertTrue(msg.contains("configuration.json describes"), msg);
    }

    @Test
    void aSmallFileThatInflatesPastWhatTheNetworkNeedsIsRefusedWhileInflating() throws IOException {
        Map<String, byte[]> e = entries(bytes);
        byte[] huge = new byte[64 << 20]; // 64 MB of zeros: deflates to ~64 KB; the network needs 0.3 MB
        e.put("coefficients.bin", huge);
        byte[] file = zip(e);
        assertTrue(file.length < 1 << 20);
        String msg = fails(file);
        assertTrue(msg.contains("coefficients.bin inflates to more than"), msg);
    }

    @Test
    void skippedEntriesShareOneBudgetDerivedFromTheNetwork() throws IOException {
        Map<String, byte[]> e = entries(bytes);
        e.put("updaterState.bin", new byte[70 << 20]); // Adam state of this network: 2.5 MB; the budget adds 64 MB
        String msg = fails(zip(e));
        assertTrue(msg.contains("skipped entries up to updaterState.bin inflates to more than"), msg);
        e.put("updaterState.bin", new byte[8 * (int) model.config().parameterCount()]);
        ModelArchive.fromBytes(zip(e)); // DL4J's own Adam state of the network is fine (and not read)
    }

    @Test
    void otherEntriesOfADl4jMadeFileAreReportedAsNotRead() throws IOException {
        Map<String, byte[]> e = entries(bytes);
        e.remove(ModelArchive.FORMAT);
        ModelArchive.Loaded loaded = ModelArchive.readWithWarnings(new ByteArrayInputStream(zip(e)));
        assertEquals(1, loaded.warnings().size());
        assertTrue(loaded.warnings().get(0).contains("config.properties") && loaded.warnings().get(0)
                .contains("were not read"), loaded.warnings().get(0));
    }

    @Test
    void aNormalizerIsNotAppliedAndSaysSo() throws IOException {
        Map<String, byte[]> e = entries(bytes);
        e.put("normalizer.bin", new byte[] {1, 2, 3});
        ModelArchive.Loaded loaded = ModelArchive.readWithWarnings(new ByteArrayInputStream(zip(e)));
        assertEquals(1, loaded.warnings().size());
        assertTrue(loaded.warnings().get(0).contains("not read and not applied"));
    }

    @Test
    void aFormatOneFileInTheFormerLayoutStillLoads() throws IOException {
        Map<String, byte[]> e = entries(bytes);
        VaeConfig cfg = model.config();
        float[] dl4jLayout = model.vae().parameters();
        float[] rowMajor = toFormerLayout(cfg, dl4jLayout);
        assertArrayEquals(dl4jLayout, LegacyLayout.toDl4jLayout(cfg, rowMajor));
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 + 4 * rowMajor.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.putInt(0x57454156).putInt(rowMajor.length);
        buf.asFloatBuffer().put(rowMajor);
        e.remove("configuration.json");
        e.remove("coefficients.bin");
        e.put(ModelArchive.WEIGHTS, buf.array());
        e.put(ModelArchive.FORMAT, "format.version=1\nengine.version=0.1.0\n".getBytes(StandardCharsets.UTF_8));
        TrainedModel back = ModelArchive.fromBytes(zip(e));
        assertArrayEquals(model.vae().encode(java.util.Arrays.copyOf(x, 50 * 784), 50, null).mu(), back.vae().encode(java.util.Arrays.copyOf(x, 50 * 784), 50, null).mu(), 0f);
        assertFalse(java.util.Arrays.equals(rowMajor, dl4jLayout), "the layouts differ, so the test shows something");
    }

    /** The row-major layout of format 1, computed independently of the engine's conversion. */
    private static float[] toFormerLayout(VaeConfig cfg, float[] dl4j) {
        float[] out = new float[dl4j.length];
        int[] sizes = new int[2 + cfg.encoderHidden().length + cfg.decoderHidden().length + 1];
        int off = 0;
        List<int[]> layers = new ArrayList<>(); // {in, out}
        int in = cfg.inputSize();
        for (int h : cfg.encoderHidden()) {
            layers.add(new int[] {in, h});
            in = h;
        }
        layers.add(new int[] {in, cfg.latentSize()});
        layers.add(new int[] {in, cfg.latentSize()});
        in = cfg.latentSize();
        for (int h : cfg.decoderHidden()) {
            layers.add(new int[] {in, h});
            in = h;
        }
        layers.add(new int[] {in, cfg.inputSize()});
        assertEquals(sizes.length, layers.size());
        for (int[] l : layers) {
            for (int i = 0; i < l[0]; i++) {
                for (int j = 0; j < l[1]; j++) {
                    out[off + i * l[1] + j] = dl4j[off + j * l[0] + i];
                }
            }
            off += l[0] * l[1];
            System.arraycopy(dl4j, off, out, off, l[1]);
            off += l[1];
        }
        assertEquals(dl4j.length, off);
        return out;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static String fails(byte[] b) {
        return assertThrows(ModelFormatException.class, () -> ModelArchive.fromBytes(b)).getMessage();
    }

    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
