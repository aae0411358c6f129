package org.vaenodes.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knime.core.data.DataRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaenodes.engine.backend.Nd4jRuntime;
import org.vaenodes.engine.concurrent.EngineThread;
import org.vaenodes.engine.data.IdxImages;
import org.vaenodes.engine.data.IdxReader;
import org.vaenodes.engine.model.Encoding;
import org.vaenodes.engine.model.RowScores;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.render.ImageSheets;
import org.vaenodes.engine.render.RangeMode;
import org.vaenodes.engine.spec.TrainerChoice;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.EpochStats;
import org.vaenodes.engine.train.RowFile;
import org.vaenodes.engine.train.Trainer;
import org.vaenodes.engine.train.TrainingConfig;
import org.vaenodes.engine.train.TrainingData;
import org.vaenodes.engine.train.TrainingListener;
import org.vaenodes.engine.train.TrainingMemory;
import org.vaenodes.engine.train.TrainingResult;
import org.vaenodes.knime.nodes.learner.VaeLearnerNodeFactory;
import org.vaenodes.knime.nodes.reader.MnistReaderNodeFactory;
import org.vaenodes.shim.harness.NodeHarness;

/**
 * The Java side of {@code bench/run} (issue 7): a measurement program, not a test. Prints one JSON object per line.
 *
 * <pre>
 *   train train=IMAGES test=IMAGES epochs=3 seed=1 [max_train=N] [max_test=N] [infer_rows=10000] [infer_reps=5]
 *   node  train=IMAGES epochs=3 seed=1 [max_rows=N] [reps=2]
 *   sgemm n=2048 [reps=5]
 * </pre>
 *
 * The network is the engine's default 784-400-20 Bernoulli VAE, Adam 1e-3, batch 128, no validation.
 */
public final class EngineBench {

    private static final int HIDDEN = 400;
    private static final int LATENT = 20;

    private EngineBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: EngineBench train|node|sgemm key=value ...");
            System.exit(2);
        }
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value, got " + args[i]);
            }
            a.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        switch (args[0]) {
            case "train" -> train(a);
            case "node" -> node(a);
            case "sgemm" -> sgemm(a);
            case "large" -> large(a);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        System.exit(0); // ND4J leaves non-daemon threads
    }

    // ------------------------------------------------------------------------------------------------ training

    private static void train(Map<String, String> a) throws IOException {
        int epochs = intArg(a, "epochs", 3);
        long seed = intArg(a, "seed", 1);
        float[] train = load(Path.of(a.get("train")), intArg(a, "max_train", IdxReader.ALL));
        float[] test = load(Path.of(a.get("test")), intArg(a, "max_test", IdxReader.ALL));
        int d = 784;
        int n = train.length / d;
        int nTest = test.length / d;
        emit(obj("event", "info", "train_rows", n, "test_rows", nTest, "java", System.getProperty("java.version"),
                "max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024),
                "omp_num_threads", System.getenv("OMP_NUM_THREADS"),
                "omp_wait_policy", System.getenv("OMP_WAIT_POLICY")));
        VaeConfig cfg = VaeConfig.of(d, new int[] {HIDDEN}, LATENT).withImageShape(28, 28);
        List<Double> seconds = new ArrayList<>();
        long t0 = System.nanoTime();
        TrainerChoice trainer = "dl4j".equals(a.get("trainer")) ? TrainerChoice.DL4J : TrainerChoice.FAST;
        TrainingResult r = Trainer.train(cfg, new TrainingData(train, n, d, null), TrainingConfig.defaults(epochs,
                seed).withTrainer(trainer), new TrainingListener() {
                    @Override
                    public void onEpoch(EpochStats s) {
                        seconds.add(s.seconds());
                        emit(obj("event", "epoch", "epoch", s.epoch(), "seconds", s.seconds(), "train_neg_elbo",
                                s.trainNegElbo(), "train_recon", s.trainRecon(), "train_kl", s.trainKl()));
                    }
                }, null);
        double trainWall = (System.nanoTime() - t0) / 1e9;
        long rssAfterTraining = vmHwmKb();
        Vae vae = r.model();
        long te = System.nanoTime();
        RowScores sc = vae.evaluate(test, nTest, null, seed + 1);
        double evalSeconds = (System.nanoTime() - te) / 1e9;
        // the PyTorch script stops here (training and the test -ELBO): its peak RSS compares with this one
        long rssAfterEvaluation = vmHwmKb();

        // inference: encode / decode inferRows rows (the test rows, repeated if there are fewer), a 25x25 grid
        int inferRows = intArg(a, "infer_rows", 10_000);
        int reps = intArg(a, "infer_reps", 5);
        float[] x = inferRows == nTest ? test : repeatRows(test, nTest, d, inferRows);
        Encoding[] enc = new Encoding[1];
        double[] encode = time(reps, () -> enc[0] = vae.encode(x, inferRows, null));
        float[] z = enc[0].mu();
        double[] decode = time(reps, () -> vae.decode(z, inferRows, null));
        double[] grid = time(reps, () -> ImageSheets.latentGrid(vae, 25, 0, 1, RangeMode.GAUSSIAN_QUANTILES, 0,
                null, -1, 1, false));

        emit(obj("event", "result", "system", "engine", "epochs", epochs, "seconds", seconds,
                "s_per_epoch_min", min(seconds), "s_per_epoch_median", median(seconds), "train_wall_s", trainWall,
                "test_neg_elbo", sc.meanNegElbo(), "eval_seconds", evalSeconds, "backend", r.backend(),
                "peak_rss_training_mb", rssAfterTraining / 1024.0,
                "peak_rss_train_eval_mb", rssAfterEvaluation / 1024.0, "peak_rss_mb", vmHwmKb() / 1024.0,
                "train_rows", n, "test_rows", nTest, "infer_rows", inferRows,
                "encode_s_min", min(encode), "encode_s_median", median(encode),
                "decode_s_min", min(decode), "decode_s_median", median(decode),
                "grid25_s_min", min(grid), "grid25_s_median", median(grid)));
    }

    /**
     * Data larger than the heap: {@code rows} rows of 28x28 (the training images repeated in order) written to a row
     * file, then trained from it as the VAE Learner trains a table that does not fit its heap budget. Run it with a
     * small -Xmx (bench/run: 512 MB; the rows take 4 bytes x 784 x rows, 627 MB for 200,000): peak heap and RSS show
     * that memory stays bounded by the chunk, not the data.
     */
    private static void large(Map<String, String> a) throws IOException {
        int rows = intArg(a, "rows", 200_000);
        int epochs = intArg(a, "epochs", 2);
        long seed = intArg(a, "seed", 1);
        Path file = Path.of(a.getOrDefault("rowfile", System.getProperty("java.io.tmpdir") + "/vae-bench-large.rows"));
        int d = 784;
        long tw = System.nanoTime();
        IdxImages img = IdxReader.readImages(Path.of(a.get("train")), IdxReader.ALL);
        float[] row = new float[d];
        try (RowFile.Writer w = new RowFile.Writer(file, d, false)) {
            for (int i = 0; i < rows; i++) {
                img.copyImage(i % img.count(), row, 0, true);
                w.append(row, 0, 0);
            }
        }
        int sourceImages = img.count();
        img = null; // the 47 MB of bytes go before training
        double writeSeconds = (System.nanoTime() - tw) / 1e9;
        float[] test = load(Path.of(a.get("test")), intArg(a, "max_test", IdxReader.ALL));
        int nTest = test.length / d;
        List<Double> seconds = new ArrayList<>();
        TrainingResult r;
        try (RowFile data = RowFile.open(file)) {
            emit(obj("event", "info", "rows", rows, "source_images", sourceImages, "max_heap_mb",
                    Runtime.getRuntime().maxMemory() / (1024 * 1024), "data_mb", (double) rows * d * 4 / (1 << 20),
                    "in_memory_budget_mb", TrainingMemory.budgetBytes() / (double) (1 << 20),
                    "chunked", !TrainingMemory.fitsInHeap(rows, d), "chunk_rows", TrainingMemory.chunkRows(d),
                    "row_file_write_s", writeSeconds));
            VaeConfig cfg = VaeConfig.of(d, new int[] {HIDDEN}, LATENT).withImageShape(28, 28);
            r = Trainer.train(cfg, data, TrainingConfig.defaults(epochs, seed), new TrainingListener() {
                @Override
                public void onEpoch(EpochStats s) {
                    seconds.add(s.seconds());
                    emit(obj("event", "epoch", "epoch", s.epoch(), "seconds", s.seconds(), "train_neg_elbo",
                            s.trainNegElbo(), "validation_neg_elbo", s.validationNegElbo()));
                }
            }, null);
        } finally {
            Files.deleteIfExists(file);
        }
        long peakHeap = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory
                .getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        RowScores sc = r.model().evaluate(test, nTest, null, seed + 1);
        emit(obj("event", "result", "system", "engine", "rows", rows, "epochs", epochs, "seconds", seconds,
                "s_per_epoch_median", median(seconds), "test_neg_elbo", sc.meanNegElbo(),
                "peak_heap_mb_sum_of_pool_peaks", peakHeap / (double) (1 << 20),
                "max_heap_mb", Runtime.getRuntime().maxMemory() / (double) (1 << 20),
                "peak_rss_mb", vmHwmKb() / 1024.0, "chunked", !TrainingMemory.fitsInHeap(rows, d),
                "chunk_rows", TrainingMemory.chunkRows(d)));
    }

    /** IDX images as one float32 array in [0, 1]; the byte copy is dropped on return. */
    private static float[] load(Path images, int max) throws IOException {
        IdxImages img = IdxReader.readImages(images, max);
        int d = img.pixelsPerImage();
        if (d != 784) {
            throw new IOException(images + ": expected 28x28 images, got " + img.rows() + "x" + img.cols());
        }
        float[] x = new float[img.count() * d];
        for (int i = 0; i < img.count(); i++) {
            img.copyImage(i, x, i * d, true);
        }
        return x;
    }

    // ------------------------------------------------------------------------------------------------ node

    /**
     * Node overhead: the VAE Learner executed through the shim's harness on a table from the MNIST Reader node,
     * against Trainer.train on the same rows and settings. Reading the input table is not counted (that is the
     * reader node's work); the learner's own table → float conversion, model port object and history table are.
     */
    private static void node(Map<String, String> a) throws Exception {
        int epochs = intArg(a, "epochs", 3);
        int seed = intArg(a, "seed", 1);
        int maxRows = intArg(a, "max_rows", 0);
        int reps = intArg(a, "reps", 2);
        Path images = Path.of(a.get("train"));

        NodeHarness<?> reader = NodeHarness.of(MnistReaderNodeFactory.class);
        NodeSettings rs = reader.settings();
        rs.addString("source", "idx-files");
        rs.addString("images_file", images.toString());
        Path labels = Path.of(images.toString().replace("images-idx3", "labels-idx1"));
        rs.addString("labels_file", Files.exists(labels) && !labels.equals(images) ? labels.toString() : "");
        rs.addInt("max_rows", maxRows);
        rs.addString("pixel_output", "list");
        rs.addBoolean("scale_to_unit", true);
        rs.addBoolean("image_column", false);
        reader.loadSettings(rs);
        long tr = System.nanoTime();
        BufferedDataTable table = (BufferedDataTable) reader.execute()[0];
        double readSeconds = (System.nanoTime() - tr) / 1e9;
        int n = (int) table.size();

        // the same rows as the engine sees them: the reader's scaled pixels, converted to float as the learner does
        float[] x = new float[n * 784];
        int row = 0;
        for (DataRow r : table) {
            org.knime.core.data.collection.ListDataValue list =
                    (org.knime.core.data.collection.ListDataValue) r.getCell(table.getDataTableSpec()
                            .findColumnIndex("Pixels"));
            for (int j = 0; j < 784; j++) {
                x[row * 784 + j] = (float) ((DoubleCell) list.get(j)).getDoubleValue();
            }
            row++;
        }

        NodeHarness<?> learner = NodeHarness.of(VaeLearnerNodeFactory.class);
        configureLearner(learner, 1, seed);
        learner.execute(table); // warm-up: starts ND4J the way a node does (EngineSetup), JIT
        configureLearner(learner, epochs, seed);
        VaeConfig cfg = VaeConfig.of(784, new int[] {HIDDEN}, LATENT).withImageShape(28, 28);
        TrainingConfig tc = new TrainingConfig(epochs, 128, 1e-3, seed, 0.0, 0, false);

        List<Double> engineS = new ArrayList<>();
        List<Double> nodeS = new ArrayList<>();
        // the epochs' own clocks: separates training inside the node from reading the table and building outputs
        List<Double> engineEpochS = new ArrayList<>();
        List<Double> nodeEpochS = new ArrayList<>();
        float[] engineParams = null;
        float[] nodeParams = null;
        double engineElbo = 0;
        double nodeElbo = 0;
        Trainer.train(cfg, new TrainingData(x, n, 784, null), new TrainingConfig(1, 128, 1e-3, seed, 0.0, 0, false),
                TrainingListener.NONE, null); // warm-up of the engine-alone path too
        for (int rep = 0; rep < reps; rep++) {
            // alternate the order (engine first on even reps, node first on odd) so drift hits both alike
            for (int k = 0; k < 2; k++) {
                if ((k == 0) == (rep % 2 == 0)) {
                    long t = System.nanoTime();
                    TrainingResult r = Trainer.train(cfg, new TrainingData(x, n, 784, null), tc,
                            TrainingListener.NONE, null);
                    engineS.add((System.nanoTime() - t) / 1e9);
                    engineEpochS.add(r.history().stream().mapToDouble(EpochStats::seconds).sum());
                    engineParams = r.model().parameters();
                    engineElbo = r.history().get(r.history().size() - 1).trainNegElbo();
                } else {
                    long t = System.nanoTime();
                    PortObject[] out = learner.execute(table);
                    nodeS.add((System.nanoTime() - t) / 1e9);
                    nodeParams = ((org.vaenodes.knime.port.VaeModelPortObject) out[0]).model().vae().parameters();
                    BufferedDataTable hist = (BufferedDataTable) out[1];
                    double epochSeconds = 0;
                    for (DataRow hr : hist) {
                        nodeElbo = ((DoubleCell) hr.getCell(1)).getDoubleValue();
                        epochSeconds += ((DoubleCell) hr.getCell(5)).getDoubleValue();
                    }
                    nodeEpochS.add(epochSeconds);
                }
            }
        }
        List<String> errors = learner.loggedErrors();
        learner.close();
        reader.close();
        double maxDiff = 0;
        for (int i = 0; i < engineParams.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(engineParams[i] - nodeParams[i]));
        }
        emit(obj("event", "node", "rows", n, "epochs", epochs, "reps", reps, "reader_s", readSeconds,
                "engine_s", engineS, "node_s", nodeS, "engine_s_min", min(engineS), "node_s_min", min(nodeS),
                "engine_epoch_s", engineEpochS, "node_epoch_s", nodeEpochS,
                "overhead_pct", 100.0 * (min(nodeS) / min(engineS) - 1.0),
                "overhead_pct_median", 100.0 * (median(nodeS) / median(engineS) - 1.0),
                "same_weights", Arrays.equals(engineParams, nodeParams), "max_weight_diff", maxDiff,
                "engine_train_neg_elbo", engineElbo, "node_train_neg_elbo", nodeElbo,
                "node_logged_errors", errors.size()));
    }

    private static void configureLearner(NodeHarness<?> learner, int epochs, int seed) throws Exception {
        NodeSettings s = learner.settings();
        s.addString("input_mode", "list");
        s.addString("list_column", "Pixels");
        s.addString("encoder_layers", Integer.toString(HIDDEN));
        s.addString("decoder_layers", "");
        s.addInt("latent_size", LATENT);
        s.addString("activation", "relu");
        s.addString("likelihood", "bernoulli");
        s.addInt("epochs", epochs);
        s.addInt("batch_size", 128);
        s.addDouble("learning_rate", 1e-3);
        s.addInt("seed", seed);
        s.addDouble("validation_percent", 0.0);
        s.addInt("early_stopping_patience", 0);
        s.addBoolean("binarize", false);
        learner.loadSettings(s);
    }

    // ------------------------------------------------------------------------------------------------ sgemm

    /** ND4J's sgemm on n × n float matrices and at the network's shapes (informative: the same 2 threads). */
    private static void sgemm(Map<String, String> a) {
        int n = intArg(a, "n", 2048);
        int reps = intArg(a, "reps", 5);
        Nd4jRuntime.ensureStarted();
        Map<String, Object> out = EngineThread.supply(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "nd4j_sgemm");
            m.put("size", n);
            m.put("gflops", gemm(n, n, n, reps));
            m.put("gflops_128x784x400", gemm(128, 784, 400, 200));
            m.put("gflops_128x400x784", gemm(128, 400, 784, 200));
            m.put("gflops_400x128x784", gemm(400, 128, 784, 200));
            return m;
        });
        emit(out);
    }

    private static double gemm(int m, int k, int n, int reps) {
        try (INDArray x = Nd4j.rand(DataType.FLOAT, m, k); INDArray y = Nd4j.rand(DataType.FLOAT, k, n);
                INDArray c = Nd4j.create(DataType.FLOAT, m, n)) {
            x.mmuli(y, c);
            if (reps >= 50) {
                long t = System.nanoTime();
                for (int i = 0; i < reps; i++) {
                    x.mmuli(y, c);
                }
                return 2.0 * m * k * n * reps / ((System.nanoTime() - t) / 1e9) / 1e9;
            }
            double best = Double.MAX_VALUE;
            for (int i = 0; i < reps; i++) {
                long t = System.nanoTime();
                x.mmuli(y, c);
                best = Math.min(best, (System.nanoTime() - t) / 1e9);
            }
            return 2.0 * m * k * n / best / 1e9;
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static double[] time(int reps, Runnable job) {
        job.run(); // warm-up
        double[] s = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            job.run();
            s[i] = (System.nanoTime() - t) / 1e9;
        }
        return s;
    }

    /** {@code rows} rows of d values: those of {@code values} (n rows), repeated in order. */
    private static float[] repeatRows(float[] values, int n, int d, int rows) {
        float[] out = new float[rows * d];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(values, (i % n) * d, out, i * d, d);
        }
        return out;
    }

    private static long vmHwmKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no figure
        }
        return -1;
    }

    private static int intArg(Map<String, String> a, String key, int dflt) {
        String v = a.get(key);
        return v == null ? dflt : Integer.parseInt(v);
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return median(s);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int k = s.length;
        return k == 0 ? Double.NaN : k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
    }

    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void emit(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{");
        m.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append('"').append(k).append("\": ").append(json(v));
        });
        System.out.println(sb.append('}'));
        System.out.flush();
    }

    private static String json(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double dv) {
            return Double.isFinite(dv) ? String.format(Locale.ROOT, "%.6g", dv) : "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object o : l) {
                sb.append(sb.length() > 1 ? ", " : "").append(json(o));
            }
            return sb.append(']').toString();
        }
        String s = v.toString().replace("\\", "\\\\").replace("\"", "\\\"");
        return '"' + s + '"';
    }
}
