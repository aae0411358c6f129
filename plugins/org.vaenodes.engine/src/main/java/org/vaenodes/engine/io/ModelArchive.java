package org.vaenodes.engine.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.vaenodes.engine.model.Activation;
import org.vaenodes.engine.model.Dl4jNetworkFiles;
import org.vaenodes.engine.model.EngineInfo;
import org.vaenodes.engine.model.InputDescription;
import org.vaenodes.engine.model.LegacyLayout;
import org.vaenodes.engine.model.Likelihood;
import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.train.TrainedModel;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.model.VaeConfig;
import org.vaenodes.engine.train.EpochStats;

/**
 * The model file: a Deeplearning4j model zip with our metadata riding along.
 *
 * <p>A network that DL4J can express is stored as DL4J's {@code ModelSerializer} stores it —
 * {@value Dl4jNetworkFiles#CONFIGURATION} and {@value Dl4jNetworkFiles#COEFFICIENTS} — so that
 * {@code ModelSerializer.restoreMultiLayerNetwork(file)} loads it in any DL4J 1.0.0-M2.1 program; a network DL4J
 * cannot express (conditional, no hidden layer) is stored in {@value #WEIGHTS}: the magic "VAEW", the number of
 * floats as int32 and the float32 values, little-endian, in the same DL4J parameter layout. Both carry our entries
 * {@value #FORMAT}, {@value #CONFIG}, {@value #HISTORY}, {@value #INPUT} and {@value #PROVENANCE} (text; never Java
 * serialisation). No {@code updaterState.bin} is written: the fast trainer's Adam state is not DL4J's.
 *
 * <p>Reading accepts our files of format 1 (weights in the engine's former row-major layout, converted on load)
 * and 2, and VAE zips saved by DL4J itself ({@link Dl4jImport}). Every entry is size-capped while it is inflated:
 * the parameters by what the configuration read before them describes (our writer puts it first) and always by the
 * heap still free, skipped entries by one budget together; the network's off-heap memory is checked before it is
 * allocated; entry names with paths, too many entries and Java-serialised entries are refused.
 */
public final class ModelArchive {

    /** Format version written by this engine (and the newest it reads). */
    public static final int FORMAT_VERSION = 2;

    public static final String FORMAT = "format.properties";
    public static final String CONFIG = "config.properties";
    public static final String WEIGHTS = "weights.bin";
    public static final String HISTORY = "history.csv";
    public static final String INPUT = "input.properties";
    public static final String PROVENANCE = "provenance.properties";
    /** DL4J entries that are never read: their content would be Java-deserialised or is not used. */
    static final String PREPROCESSOR = "preprocessor.bin";
    static final String NORMALIZER = "normalizer.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    static final String OBJECTS_FOLDER = "objects/";

    static final Set<String> OURS = Set.of(FORMAT, CONFIG, HISTORY, INPUT, PROVENANCE);
    static final long MAX_TEXT_ENTRY = 4L << 20;
    static final long MAX_WEIGHTS = 8 + 4 * VaeConfig.MAX_PARAMETERS;
    static final int MAX_ENTRIES = 64;
    private static final int WEIGHTS_MAGIC = 0x57454156; // "VAEW" little-endian
    private static final String HISTORY_HEADER =
            "epoch,train_neg_elbo,train_recon,train_kl,validation_neg_elbo,seconds";

    private static final java.time.LocalDateTime FIXED_TIME = java.time.LocalDateTime.of(2000, 1, 1, 0, 0);

    private ModelArchive() {
    }

    // ------------------------------------------------------------------------------------------------- writing

    /** Writes the model as a zip to {@code out} (which stays open). */
    public static void write(TrainedModel model, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        Vae vae = model.vae();
        // the description of the network first, then its parameters: a reader can cap the parameters' size by it
        if (vae.isDl4jNetwork()) {
            putText(zip, Dl4jNetworkFiles.CONFIGURATION, Dl4jNetworkFiles.configurationJson(vae));
            put(zip, Dl4jNetworkFiles.COEFFICIENTS, Dl4jNetworkFiles.coefficients(vae));
        }
        Properties format = new Properties();
        format.setProperty("format.version", Integer.toString(FORMAT_VERSION));
        format.setProperty("engine.version", EngineInfo.ENGINE_VERSION);
        format.setProperty("nd4j.version", EngineInfo.nd4jVersion());
        format.setProperty("java.version", System.getProperty("java.version"));
        format.setProperty("parameter.layout", "dl4j");
        putText(zip, FORMAT, props(format));
        putText(zip, CONFIG, props(configToProperties(model.config())));
        if (!vae.isDl4jNetwork()) {
            float[] w = vae.parameters();
            ByteBuffer buf = ByteBuffer.allocate(8 + 4 * w.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.putInt(WEIGHTS_MAGIC).putInt(w.length);
            buf.asFloatBuffer().put(w);
            put(zip, WEIGHTS, buf.array());
        }
        putText(zip, HISTORY, historyCsv(model.history()));
        putText(zip, INPUT, props(inputToProperties(model.input())));
        putText(zip, PROVENANCE, props(provenanceToProperties(model.provenance())));
        zip.finish();
        zip.flush();
    }

    /** The model as zip bytes. */
    public static byte[] toBytes(TrainedModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(model, out);
        return out.toByteArray();
    }

    private static void putText(ZipOutputStream zip, String name, String text) throws IOException {
        put(zip, name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTimeLocal(FIXED_TIME); // same model → same bytes
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static String props(Properties p) throws IOException {
        // sorted, without the date comment, so the same model gives the same bytes
        StringBuilder sb = new StringBuilder();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            Properties one = new Properties();
            one.setProperty(key, p.getProperty(key));
            StringWriter w = new StringWriter();
            one.store(w, null);
            String[] lines = w.toString().split("\\R");
            for (String line : lines) {
                if (!line.startsWith("#") && !line.isEmpty()) {
                    sb.append(line).append('\n');
                }
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------- reading

    /** Reads and validates a model zip from {@code in} (which is read to its end but not closed). */
    public static TrainedModel read(InputStream in) throws IOException {
        return readWithWarnings(in).model();
    }

    /** A model read from a file and what the user should know about the reading (entries not applied, say). */
    public record Loaded(TrainedModel model, List<String> warnings) {
        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    /** As {@link #read}, with the warnings of the reading. */
    public static Loaded readWithWarnings(InputStream in) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        long skipped = 0;
        VaeConfig described = null; // the network configuration.json describes, parsed once when read
        try {
            ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
            ZipEntry e;
            int count = 0;
            while ((e = zip.getNextEntry()) != null) {
                if (++count > MAX_ENTRIES) {
                    throw corrupt("it has more than " + MAX_ENTRIES + " entries");
                }
                String name = e.getName();
                if (name.equals(PREPROCESSOR)) {
                    throw corrupt("it contains " + PREPROCESSOR + ", an input preprocessor that DL4J stores as a "
                            + "Java-serialised object; such files are refused because reading it could run code "
                            + "from the file");
                }
                if (name.equals(NORMALIZER) || name.startsWith(OBJECTS_FOLDER) || name.equals(UPDATER_STATE)) {
                    if (!name.equals(UPDATER_STATE)) {
                        warnings.add("The file's " + name + " (a data normalizer or other stored object) is not "
                                + "read and not applied: give the encoder inputs scaled as the network expects");
                    }
                    skipped += discardBounded(zip, skippedBudget(described) - skipped, "the skipped entries up to "
                            + name);
                    continue;
                }
                if (name.contains("/") || name.contains("\\") || name.contains("..") || name.isEmpty()
                        || name.contains(":")) {
                    throw corrupt("it contains the entry \"" + name + "\" with a path; model files have only "
                            + "top-level entries");
                }
                if (!OURS.contains(name) && !name.equals(WEIGHTS) && !name.equals(Dl4jNetworkFiles.CONFIGURATION)
                        && !name.equals(Dl4jNetworkFiles.COEFFICIENTS)) {
                    unknown.add(name);
                    skipped += discardBounded(zip, Math.min(MAX_TEXT_ENTRY, skippedBudget(described) - skipped),
                            name);
                    continue;
                }
                if (entries.containsKey(name)) {
                    throw corrupt("it contains the entry " + name + " twice");
                }
                entries.put(name, readBounded(zip, limitFor(name, entries, described), name));
                if (name.equals(Dl4jNetworkFiles.CONFIGURATION)) {
                    described = Dl4jImport.config(entries);
                }
            }
        } catch (ZipException | EOFException e) {
            throw corrupt("it is not a complete zip file (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw corrupt("an entry name is not valid UTF-8 (" + e.getMessage() + ")", e);
        }
        if (entries.isEmpty() && unknown.isEmpty()) {
            throw corrupt("it is empty or not a zip file");
        }
        if (!entries.containsKey(FORMAT)) {
            if (entries.containsKey(Dl4jNetworkFiles.CONFIGURATION)) {
                List<String> ignored = new ArrayList<>(unknown);
                entries.keySet().stream().filter(n -> !n.equals(Dl4jNetworkFiles.CONFIGURATION)
                        && !n.equals(Dl4jNetworkFiles.COEFFICIENTS)).sorted().forEach(ignored::add);
                if (!ignored.isEmpty()) {
                    warnings.add("The file holds a DL4J network but not VAE Nodes' description of it; its other "
                            + "entries " + ignored + " were not read");
                }
                return new Loaded(Dl4jImport.model(entries, described), warnings);
            }
            throw corrupt("the entry " + FORMAT + " is missing, and it holds no DL4J network ("
                    + Dl4jNetworkFiles.CONFIGURATION + ")");
        }
        Properties format = loadProps(entries.get(FORMAT), FORMAT);
        int version = intProp(format, "format.version", FORMAT);
        if (version > FORMAT_VERSION) {
            throw new ModelFormatException("This model file was made by a newer version of VAE Nodes (format "
                    + version + "; engine " + format.getProperty("engine.version", "?") + "); this version reads "
                    + "format " + FORMAT_VERSION + ". Update VAE Nodes to load it.");
        }
        if (version < 1) {
            throw corrupt("its format version " + version + " is not valid");
        }
        if (!unknown.isEmpty()) {
            throw corrupt("it contains unexpected entries " + unknown);
        }
        for (String name : OURS) {
            if (!entries.containsKey(name)) {
                throw corrupt("the entry " + name + " is missing");
            }
        }
        VaeConfig config;
        try {
            config = configFromProperties(loadProps(entries.get(CONFIG), CONFIG));
        } catch (IllegalArgumentException e) {
            throw corrupt(CONFIG + " is not valid: " + e.getMessage(), e);
        }
        Vae vae = network(entries, config, version, described);
        List<EpochStats> history = parseHistory(new String(entries.get(HISTORY), StandardCharsets.UTF_8));
        InputDescription input = inputFromProperties(loadProps(entries.get(INPUT), INPUT));
        Provenance provenance = provenanceFromProperties(loadProps(entries.get(PROVENANCE), PROVENANCE));
        return new Loaded(new TrainedModel(vae, history, input, provenance), warnings);
    }

    /**
     * The size cap of an entry while it is inflated: text entries 4 MB, the DL4J configuration 1 MB, parameters
     * what the network already read describes (if its configuration came first) and never more than the heap can
     * still hold.
     */
    private static long limitFor(String name, Map<String, byte[]> entriesSoFar, VaeConfig described)
            throws ModelFormatException {
        if (name.equals(Dl4jNetworkFiles.CONFIGURATION)) {
            return Dl4jNetworkFiles.MAX_CONFIGURATION_BYTES;
        }
        if (!name.equals(WEIGHTS) && !name.equals(Dl4jNetworkFiles.COEFFICIENTS)) {
            return MAX_TEXT_ENTRY;
        }
        long limit = name.equals(WEIGHTS) ? MAX_WEIGHTS : Dl4jNetworkFiles.maxCoefficientBytes(VaeConfig.MAX_PARAMETERS);
        byte[] config = entriesSoFar.get(CONFIG);
        if (config != null && name.equals(WEIGHTS)) {
            try {
                limit = 8 + 4 * configFromProperties(loadProps(config, CONFIG)).parameterCount();
            } catch (IllegalArgumentException e) {
                throw corrupt(CONFIG + " is not valid: " + e.getMessage(), e);
            }
        }
        if (described != null && name.equals(Dl4jNetworkFiles.COEFFICIENTS)) {
            limit = Dl4jNetworkFiles.maxCoefficientBytes(described.parameterCount());
        }
        // while reading, the growing buffer and its copy (up to 3x), then the floats parsed from the bytes
        return Math.min(limit, MemoryBudget.heapBytesAvailable() / 4);
    }

    /**
     * How many bytes all skipped entries (updater state, normalizer, stored objects) may inflate to together, so a
     * file cannot keep the reader inflating for long: DL4J's Adam state of the network described so far (two values
     * per parameter) plus 64 MB, or 1 GB while no network has been described yet.
     */
    private static long skippedBudget(VaeConfig described) {
        return described == null ? 1L << 30 : 8 * described.parameterCount() + (64L << 20);
    }

    /** The network of one of our files, its parameters in DL4J's layout (format 1: converted). */
    private static Vae network(Map<String, byte[]> entries, VaeConfig config, int version, VaeConfig described)
            throws ModelFormatException {
        float[] params;
        if (entries.containsKey(Dl4jNetworkFiles.COEFFICIENTS)) {
            if (!entries.containsKey(Dl4jNetworkFiles.CONFIGURATION)) {
                throw corrupt("the entry " + Dl4jNetworkFiles.CONFIGURATION + " is missing");
            }
            if (!sameNetwork(described, config)) {
                throw corrupt(Dl4jNetworkFiles.CONFIGURATION + " describes " + described.describe() + " but " + CONFIG
                        + " describes " + config.describe());
            }
            params = Dl4jImport.parameters(entries, config);
        } else if (entries.containsKey(WEIGHTS)) {
            params = weights(entries.get(WEIGHTS), config);
            if (version == 1) {
                params = LegacyLayout.toDl4jLayout(config, params);
            }
        } else {
            throw corrupt("it holds no parameters (neither " + Dl4jNetworkFiles.COEFFICIENTS + " nor " + WEIGHTS
                    + ")");
        }
        return Dl4jImport.networkOf(config, params);
    }

    private static boolean sameNetwork(VaeConfig a, VaeConfig b) {
        return a.inputSize() == b.inputSize() && a.latentSize() == b.latentSize()
                && java.util.Arrays.equals(a.encoderHidden(), b.encoderHidden())
                && java.util.Arrays.equals(a.decoderHidden(), b.decoderHidden()) && a.activation() == b.activation()
                && a.likelihood() == b.likelihood() && a.numClasses() == b.numClasses();
    }

    /** Reads a model from zip bytes. */
    public static TrainedModel fromBytes(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
    }

    private static byte[] readBounded(InputStream in, long limit, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copyBounded(in, limit, name, out);
        return out.toByteArray();
    }

    /** Skips an entry within a budget; returns the bytes it inflated to. */
    private static long discardBounded(InputStream in, long limit, String name) throws IOException {
        return copyBounded(in, limit, name, OutputStream.nullOutputStream());
    }

    /** Copies an entry while it inflates, failing as soon as it passes {@code limit} bytes (headers can lie). */
    private static long copyBounded(InputStream in, long limit, String name, OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            total += r;
            if (total > limit) {
                throw corrupt(String.format("its entry %s inflates to more than %,d bytes, the most it may hold "
                        + "(for the parameters: what the network described needs, within the memory still free)",
                        name, limit));
            }
            out.write(buf, 0, r);
        }
        return total;
    }

    private static float[] weights(byte[] bytes, VaeConfig config) throws ModelFormatException {
        if (bytes.length < 8) {
            throw corrupt(WEIGHTS + " is truncated");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.getInt() != WEIGHTS_MAGIC) {
            throw corrupt(WEIGHTS + " does not start with the expected marker");
        }
        int n = buf.getInt();
        long expected = config.parameterCount();
        if (n != expected) {
            throw corrupt(WEIGHTS + " holds " + n + " weights, but the network in " + CONFIG + " has "
                    + expected);
        }
        if (bytes.length != 8 + 4L * n) {
            throw corrupt(WEIGHTS + " should be " + (8 + 4L * n) + " bytes long but is " + bytes.length);
        }
        float[] w = new float[n];
        buf.asFloatBuffer().get(w);
        return w;
    }

    private static Properties loadProps(byte[] bytes, String name) throws ModelFormatException {
        Properties p = new Properties();
        try {
            p.load(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw corrupt(name + " cannot be read: " + e.getMessage(), e);
        }
        return p;
    }

    // -------------------------------------------------------------------------------------------- conversions

    /** The config as properties (also usable by the nodes' port spec). */
    public static Properties configToProperties(VaeConfig c) {
        Properties p = new Properties();
        p.setProperty("input.size", Integer.toString(c.inputSize()));
        p.setProperty("image.rows", Integer.toString(c.imageRows()));
        p.setProperty("image.cols", Integer.toString(c.imageCols()));
        p.setProperty("encoder.hidden", VaeConfig.formatLayers(c.encoderHidden()));
        p.setProperty("decoder.hidden", VaeConfig.formatLayers(c.decoderHidden()));
        p.setProperty("latent.size", Integer.toString(c.latentSize()));
        p.setProperty("activation", c.activation().name());
        p.setProperty("likelihood", c.likelihood().name());
        p.setProperty("beta", Double.toString(c.beta()));
        p.setProperty("classes", Integer.toString(c.numClasses()));
        p.setProperty("binarize", Boolean.toString(c.binarize()));
        return p;
    }

    /** Reads a config written by {@link #configToProperties}; IllegalArgumentException if invalid. */
    public static VaeConfig configFromProperties(Properties p) {
        int[] enc = VaeConfig.parseLayers(required(p, "encoder.hidden", true));
        int[] dec = VaeConfig.parseLayers(required(p, "decoder.hidden", true));
        if (dec.length == 0 && enc.length > 0) {
            throw new IllegalArgumentException("decoder.hidden is empty but the encoder has hidden layers");
        }
        return new VaeConfig(parseInt(p, "input.size"), parseInt(p, "image.rows"), parseInt(p, "image.cols"), enc,
                dec, parseInt(p, "latent.size"), parseEnum(Activation.class, required(p, "activation", false)),
                parseEnum(Likelihood.class, required(p, "likelihood", false)),
                parseDouble(required(p, "beta", false), "beta"), parseInt(p, "classes"),
                parseBoolean(required(p, "binarize", false), "binarize"));
    }

    static String historyCsv(List<EpochStats> history) {
        StringBuilder sb = new StringBuilder(HISTORY_HEADER).append('\n');
        for (EpochStats s : history) {
            sb.append(s.epoch()).append(',').append(s.trainNegElbo()).append(',').append(s.trainRecon())
                    .append(',').append(s.trainKl()).append(',').append(s.validationNegElbo()).append(',')
                    .append(s.seconds()).append('\n');
        }
        return sb.toString();
    }

    static List<EpochStats> parseHistory(String csv) throws ModelFormatException {
        String[] lines = csv.split("\\R");
        if (lines.length == 0 || !lines[0].trim().equals(HISTORY_HEADER)) {
            throw corrupt(HISTORY + " does not have the expected header");
        }
        List<EpochStats> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 6) {
                throw corrupt(HISTORY + " line " + (i + 1) + " does not have 6 fields");
            }
            try {
                out.add(new EpochStats(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])));
            } catch (NumberFormatException e) {
                throw corrupt(HISTORY + " line " + (i + 1) + " has a value that is not a number", e);
            }
        }
        return out;
    }

    static Properties inputToProperties(InputDescription d) {
        Properties p = new Properties();
        p.setProperty("columns.count", Integer.toString(d.columnNames().size()));
        for (int i = 0; i < d.columnNames().size(); i++) {
            p.setProperty("column." + i, d.columnNames().get(i));
        }
        if (d.listColumn() != null) {
            p.setProperty("list.column", d.listColumn());
        }
        p.setProperty("list.length", Integer.toString(d.listLength()));
        if (d.labelColumn() != null) {
            p.setProperty("label.column", d.labelColumn());
        }
        p.setProperty("labels.count", Integer.toString(d.labelValues().size()));
        if (d.labelColumn() != null) {
            p.setProperty("labels.integers", Boolean.toString(d.integerLabels()));
        }
        for (int i = 0; i < d.labelValues().size(); i++) {
            p.setProperty("label." + i, d.labelValues().get(i));
        }
        return p;
    }

    static InputDescription inputFromProperties(Properties p) throws ModelFormatException {
        try {
            int nc = boundedCount(p, "columns.count");
            List<String> cols = new ArrayList<>(nc);
            for (int i = 0; i < nc; i++) {
                cols.add(required(p, "column." + i, true));
            }
            int nl = boundedCount(p, "labels.count");
            List<String> labels = new ArrayList<>(nl);
            for (int i = 0; i < nl; i++) {
                labels.add(required(p, "label." + i, true));
            }
            InputDescription in = new InputDescription(cols, p.getProperty("list.column"),
                    parseInt(p, "list.length"), null, List.of(), false);
            String labelColumn = p.getProperty("label.column");
            if (labelColumn == null) {
                return in;
            }
            String integers = p.getProperty("labels.integers"); // written since 0.3
            return integers == null ? in.withLabels(labelColumn, labels)
                    : in.withLabels(labelColumn, parseBoolean(integers, "labels.integers"), labels);
        } catch (IllegalArgumentException e) {
            throw corrupt(INPUT + " is not valid: " + e.getMessage(), e);
        }
    }

    static Properties provenanceToProperties(Provenance v) {
        Properties p = new Properties();
        p.setProperty("data.sha256", v.dataSha256());
        p.setProperty("data.rows", Integer.toString(v.rows()));
        p.setProperty("seed", Long.toString(v.seed()));
        p.setProperty("backend", v.backend());
        p.setProperty("device", v.device());
        p.setProperty("nd4j.version", v.nd4jVersion());
        p.setProperty("engine.version", v.engineVersion());
        p.setProperty("started", v.started().toString());
        p.setProperty("finished", v.finished().toString());
        p.setProperty("trainer", v.trainer());
        Provenance.Training t = v.training();
        if (t != null) {
            p.setProperty("training.epochs.asked", Integer.toString(t.epochsAsked()));
            p.setProperty("training.epochs.run", Integer.toString(t.epochsRun()));
            p.setProperty("training.epoch.best", Integer.toString(t.bestEpoch()));
            p.setProperty("training.stopped.early", Boolean.toString(t.stoppedEarly()));
            p.setProperty("training.batch.size", Integer.toString(t.batchSize()));
            p.setProperty("training.learning.rate", Double.toString(t.learningRate()));
            p.setProperty("training.validation.fraction", Double.toString(t.validationFraction()));
            p.setProperty("training.early.stopping.patience", Integer.toString(t.patience()));
            p.setProperty("training.binarize", Boolean.toString(t.binarize()));
            p.setProperty("training.threads", Integer.toString(t.threads()));
            p.setProperty("java.version", t.javaVersion());
        }
        return p;
    }

    /** The training record, written since 0.3; null in older files. */
    private static Provenance.Training trainingFromProperties(Properties p) {
        if (p.getProperty("training.epochs.run") == null) {
            return null;
        }
        return new Provenance.Training(parseInt(p, "training.epochs.asked"), parseInt(p, "training.epochs.run"),
                parseInt(p, "training.epoch.best"), flag(p, "training.stopped.early"),
                parseInt(p, "training.batch.size"), number(p, "training.learning.rate"),
                number(p, "training.validation.fraction"), parseInt(p, "training.early.stopping.patience"),
                flag(p, "training.binarize"), parseInt(p, "training.threads"), required(p, "java.version", true));
    }

    private static boolean flag(Properties p, String key) {
        return parseBoolean(required(p, key, false), key);
    }

    private static double number(Properties p, String key) {
        return parseDouble(required(p, key, false), key);
    }

    static Provenance provenanceFromProperties(Properties p) throws ModelFormatException {
        try {
            return new Provenance(required(p, "data.sha256", false), parseInt(p, "data.rows"),
                    Long.parseLong(required(p, "seed", false)), required(p, "backend", true),
                    required(p, "device", true), required(p, "nd4j.version", true),
                    required(p, "engine.version", true), Instant.parse(required(p, "started", false)),
                    Instant.parse(required(p, "finished", false)),
                    p.getProperty("trainer", Provenance.TRAINER_UNKNOWN), trainingFromProperties(p));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw corrupt(PROVENANCE + " is not valid: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static int boundedCount(Properties p, String key) {
        int n = parseInt(p, key);
        if (n < 0 || n > 1_000_000) {
            throw new IllegalArgumentException(key + " = " + n + " is out of range");
        }
        return n;
    }

    private static String required(Properties p, String key, boolean emptyOk) {
        String v = p.getProperty(key);
        if (v == null || (!emptyOk && v.isBlank())) {
            throw new IllegalArgumentException("the key " + key + " is missing");
        }
        return v.trim();
    }

    private static int parseInt(Properties p, String key) {
        String v = required(p, key, false);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = \"" + v + "\" is not a whole number");
        }
    }

    private static int intProp(Properties p, String key, String entry) throws ModelFormatException {
        try {
            return parseInt(p, key);
        } catch (IllegalArgumentException e) {
            throw corrupt(entry + ": " + e.getMessage(), e);
        }
    }

    private static double parseDouble(String v, String key) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = \"" + v + "\" is not a number");
        }
    }

    private static boolean parseBoolean(String v, String key) {
        String s = v.toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException(key + " = \"" + v + "\" is not true or false");
        }
        return s.equals("true");
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String v) {
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + v + "\" is not a known " + type.getSimpleName());
        }
    }

    static ModelFormatException corrupt(String why) {
        return new ModelFormatException("The model file is corrupt or not a VAE Nodes model: " + why);
    }

    static ModelFormatException corrupt(String why, Exception cause) {
        ModelFormatException e = corrupt(why);
        e.initCause(cause);
        return e;
    }
}
