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
import org.vaenodes.engine.model.EngineInfo;
import org.vaenodes.engine.model.InputDescription;
import org.vaenodes.engine.model.Likelihood;
import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.model.TrainedModel;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.model.VaeConfig;
import org.vaenodes.engine.train.EpochStats;

/**
 * The model file: a zip with the entries {@value #FORMAT}, {@value #CONFIG}, {@value #WEIGHTS}, {@value #HISTORY},
 * {@value #INPUT} and {@value #PROVENANCE}.
 *
 * <p>{@value #WEIGHTS} holds the magic "VAEW", the number of floats as int32 and then the float32 values, all
 * little-endian, in the network's flat parameter layout. Loading accepts only these entry names (no folders, no
 * path elements), bounds the size of every entry, requires all of them, checks the weight count against the
 * config, and refuses files of a newer format version or corrupt files with a message that says so.
 */
public final class ModelArchive {

    /** Format version written by this engine (and the newest it reads). */
    public static final int FORMAT_VERSION = 1;

    public static final String FORMAT = "format.properties";
    public static final String CONFIG = "config.properties";
    public static final String WEIGHTS = "weights.bin";
    public static final String HISTORY = "history.csv";
    public static final String INPUT = "input.properties";
    public static final String PROVENANCE = "provenance.properties";

    static final Set<String> REQUIRED = Set.of(FORMAT, CONFIG, WEIGHTS, HISTORY, INPUT, PROVENANCE);
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
        Properties format = new Properties();
        format.setProperty("format.version", Integer.toString(FORMAT_VERSION));
        format.setProperty("engine.version", EngineInfo.ENGINE_VERSION);
        format.setProperty("nd4j.version", EngineInfo.nd4jVersion());
        format.setProperty("java.version", System.getProperty("java.version"));
        putText(zip, FORMAT, props(format));
        putText(zip, CONFIG, props(configToProperties(model.config())));
        float[] w = model.vae().parameters();
        ByteBuffer buf = ByteBuffer.allocate(8 + 4 * w.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(WEIGHTS_MAGIC).putInt(w.length);
        buf.asFloatBuffer().put(w);
        put(zip, WEIGHTS, buf.array());
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
        Map<String, byte[]> entries = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        try {
            ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8);
            ZipEntry e;
            int count = 0;
            while ((e = zip.getNextEntry()) != null) {
                if (++count > MAX_ENTRIES) {
                    throw corrupt("it has more than " + MAX_ENTRIES + " entries");
                }
                String name = e.getName();
                if (name.contains("/") || name.contains("\\") || name.contains("..") || name.isEmpty()) {
                    throw corrupt("it contains the entry \"" + name + "\" with a path; model files have only "
                            + "top-level entries");
                }
                if (!REQUIRED.contains(name)) {
                    unknown.add(name);
                    readBounded(zip, MAX_TEXT_ENTRY, name);
                    continue;
                }
                if (entries.containsKey(name)) {
                    throw corrupt("it contains the entry " + name + " twice");
                }
                entries.put(name, readBounded(zip, name.equals(WEIGHTS) ? MAX_WEIGHTS : MAX_TEXT_ENTRY, name));
            }
        } catch (ZipException | EOFException e) {
            throw corrupt("it is not a complete zip file (" + e.getMessage() + ")", e);
        }
        if (entries.isEmpty() && unknown.isEmpty()) {
            throw corrupt("it is empty or not a zip file");
        }
        if (!entries.containsKey(FORMAT)) {
            throw corrupt("the entry " + FORMAT + " is missing");
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
        for (String name : REQUIRED) {
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
        float[] weights = weights(entries.get(WEIGHTS), config);
        Vae vae;
        try {
            vae = Vae.fromParameters(config, weights);
        } catch (IllegalArgumentException e) {
            throw corrupt(WEIGHTS + " is not valid: " + e.getMessage(), e);
        }
        List<EpochStats> history = parseHistory(new String(entries.get(HISTORY), StandardCharsets.UTF_8));
        InputDescription input = inputFromProperties(loadProps(entries.get(INPUT), INPUT));
        Provenance provenance = provenanceFromProperties(loadProps(entries.get(PROVENANCE), PROVENANCE));
        return new TrainedModel(vae, history, input, provenance);
    }

    /** Reads a model from zip bytes. */
    public static TrainedModel fromBytes(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
    }

    private static byte[] readBounded(InputStream in, long limit, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            total += r;
            if (total > limit) {
                throw corrupt("its entry " + name + " is larger than the allowed " + limit + " bytes");
            }
            out.write(buf, 0, r);
        }
        return out.toByteArray();
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
            return new InputDescription(cols, p.getProperty("list.column"), parseInt(p, "list.length"),
                    p.getProperty("label.column"), labels);
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
        return p;
    }

    static Provenance provenanceFromProperties(Properties p) throws ModelFormatException {
        try {
            return new Provenance(required(p, "data.sha256", false), parseInt(p, "data.rows"),
                    Long.parseLong(required(p, "seed", false)), required(p, "backend", true),
                    required(p, "device", true), required(p, "nd4j.version", true),
                    required(p, "engine.version", true), Instant.parse(required(p, "started", false)),
                    Instant.parse(required(p, "finished", false)));
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

    private static ModelFormatException corrupt(String why) {
        return new ModelFormatException("The model file is corrupt or not a VAE Nodes model: " + why);
    }

    private static ModelFormatException corrupt(String why, Exception cause) {
        ModelFormatException e = corrupt(why);
        e.initCause(cause);
        return e;
    }
}
