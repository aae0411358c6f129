package org.vaenodes.engine.io;

import static org.vaenodes.engine.io.ModelArchive.CONFIG;
import static org.vaenodes.engine.io.ModelArchive.HISTORY;
import static org.vaenodes.engine.io.ModelArchive.INPUT;
import static org.vaenodes.engine.io.ModelArchive.PROVENANCE;
import static org.vaenodes.engine.io.ModelArchive.corrupt;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.spec.Activation;
import org.vaenodes.engine.spec.InputDescription;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.EpochStats;

/**
 * The plain-text entries of a model file, to and from what they describe: {@value ModelArchive#CONFIG} and
 * {@link VaeConfig}, {@value ModelArchive#INPUT} and {@link InputDescription}, {@value ModelArchive#PROVENANCE} and
 * {@link Provenance} (with its training record), {@value ModelArchive#HISTORY} and the {@link EpochStats} of each
 * epoch; and how a {@link Properties} entry becomes text (sorted, no date line) and is read back.
 *
 * <p>The parse helpers name the bad key in an {@link IllegalArgumentException}. {@link #configFromProperties} lets
 * it through; the readers of the other entries, and {@link #configFromEntry}, turn it into a
 * {@link ModelFormatException} that names the entry.
 */
final class ArchiveTextEntries {

    private static final String HISTORY_HEADER =
            "epoch,train_neg_elbo,train_recon,train_kl,validation_neg_elbo,seconds";

    private ArchiveTextEntries() {
    }

    // ------------------------------------------------------------------------------------------- properties text

    /** The properties as the text of an entry. */
    static String props(Properties p) throws IOException {
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

    /** The properties in the bytes of the entry {@code name}; ModelFormatException if they cannot be read. */
    static Properties loadProps(byte[] bytes, String name) throws ModelFormatException {
        Properties p = new Properties();
        try {
            p.load(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw corrupt(name + " cannot be read: " + e.getMessage(), e);
        }
        return p;
    }

    // -------------------------------------------------------------------------------------------- conversions

    /** The config as properties, as {@value ModelArchive#CONFIG} holds it. */
    /** How an image model's input values are ordered (see {@code ImageShape}). */
    static final String IMAGE_PIXEL_ORDER = "row-major (top row first), channels interleaved per pixel (R,G,B)";
    /** How an image model's values map to colours: what the nodes' readers produce and their renderers draw. */
    static final String IMAGE_SCALING = "value 0 = black, 1 = full intensity (8-bit / 255, 16-bit / 65535); "
            + "drawn as value x 255, clamped";

    static Properties configToProperties(VaeConfig c) {
        Properties p = new Properties();
        p.setProperty("input.size", Integer.toString(c.inputSize()));
        p.setProperty("image.rows", Integer.toString(c.imageRows()));
        p.setProperty("image.cols", Integer.toString(c.imageCols()));
        p.setProperty("image.channels", Integer.toString(c.imageChannels()));
        if (c.isImage()) { // written for people and other programs reading the file; read back: channels only
            p.setProperty("image.pixel.order", IMAGE_PIXEL_ORDER);
            p.setProperty("image.scaling", IMAGE_SCALING);
        }
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
    static VaeConfig configFromProperties(Properties p) {
        int[] enc = VaeConfig.parseLayers(required(p, "encoder.hidden", true));
        int[] dec = VaeConfig.parseLayers(required(p, "decoder.hidden", true));
        if (dec.length == 0 && enc.length > 0) {
            throw new IllegalArgumentException("decoder.hidden is empty but the encoder has hidden layers");
        }
        int rows = parseInt(p, "image.rows");
        // absent in files from before colour models, when every image was grey
        int channels = p.getProperty("image.channels") != null ? parseInt(p, "image.channels") : rows > 0 ? 1 : 0;
        return new VaeConfig(parseInt(p, "input.size"), rows, parseInt(p, "image.cols"), channels, enc,
                dec, parseInt(p, "latent.size"), parseEnum(Activation.class, required(p, "activation", false)),
                parseEnum(Likelihood.class, required(p, "likelihood", false)),
                parseDouble(required(p, "beta", false), "beta"), parseInt(p, "classes"),
                parseBoolean(required(p, "binarize", false), "binarize"));
    }

    /** The config in the bytes of {@value ModelArchive#CONFIG}; ModelFormatException if unreadable or invalid. */
    static VaeConfig configFromEntry(byte[] bytes) throws ModelFormatException {
        try {
            return configFromProperties(loadProps(bytes, CONFIG));
        } catch (IllegalArgumentException e) {
            throw corrupt(CONFIG + " is not valid: " + e.getMessage(), e);
        }
    }

    /** The epochs' statistics as {@value ModelArchive#HISTORY}: a header line, then one line per epoch. */
    static String historyCsv(List<EpochStats> history) {
        StringBuilder sb = new StringBuilder(HISTORY_HEADER).append('\n');
        for (EpochStats s : history) {
            sb.append(s.epoch()).append(',').append(s.trainNegElbo()).append(',').append(s.trainRecon())
                    .append(',').append(s.trainKl()).append(',').append(s.validationNegElbo()).append(',')
                    .append(s.seconds()).append('\n');
        }
        return sb.toString();
    }

    /** The epochs' statistics in the text of {@value ModelArchive#HISTORY}; blank lines are passed over. */
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
        if (d.imageColumn() != null) {
            p.setProperty("image.column", d.imageColumn());
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
                    parseInt(p, "list.length"), null, List.of(), false, p.getProperty("image.column"));
            String labelColumn = p.getProperty("label.column");
            if (labelColumn == null) {
                return in;
            }
            String integers = p.getProperty("labels.integers"); // written since label types are recorded
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
        p.setProperty("architecture", v.architecture());
        p.setProperty("started.from", v.startedFrom());
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

    /** The training record, written since training settings are recorded; null in older files. */
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
                    p.getProperty("trainer", Provenance.TRAINER_UNKNOWN), trainingFromProperties(p),
                    p.getProperty("architecture", Provenance.NOT_RECORDED),
                    p.getProperty("started.from", Provenance.NOT_RECORDED));
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

    /** The whole number under {@code key}; ModelFormatException naming {@code entry} if it is missing or bad. */
    static int intProp(Properties p, String key, String entry) throws ModelFormatException {
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
}
