package org.vaenodes.engine.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.vaenodes.engine.model.EngineInfo;
import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.network.LegacyLayout;
import org.vaenodes.engine.spec.InputDescription;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.EpochStats;
import org.vaenodes.engine.train.TrainedModel;

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
 *
 * <p>This class holds the public API, which entries are written and in what order, and the format's rules; the
 * zip-level checks while reading are {@link BoundedZipReader}'s and the text entries' conversions
 * {@link ArchiveTextEntries}'.
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

    static final Set<String> OURS = Set.of(FORMAT, CONFIG, HISTORY, INPUT, PROVENANCE);
    private static final int WEIGHTS_MAGIC = 0x57454156; // "VAEW" little-endian

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
            Dl4jNetworkFiles.Entries dl4j = Dl4jNetworkFiles.entries(vae);
            putText(zip, Dl4jNetworkFiles.CONFIGURATION, dl4j.configurationJson());
            put(zip, Dl4jNetworkFiles.COEFFICIENTS, dl4j.coefficients());
        }
        Properties format = new Properties();
        format.setProperty("format.version", Integer.toString(FORMAT_VERSION));
        format.setProperty("engine.version", EngineInfo.engineVersion());
        format.setProperty("nd4j.version", EngineInfo.nd4jVersion());
        format.setProperty("java.version", System.getProperty("java.version"));
        format.setProperty("parameter.layout", "dl4j");
        putText(zip, FORMAT, ArchiveTextEntries.props(format));
        putText(zip, CONFIG, ArchiveTextEntries.props(ArchiveTextEntries.configToProperties(model.config())));
        if (!vae.isDl4jNetwork()) {
            float[] w = vae.parameters();
            ByteBuffer buf = ByteBuffer.allocate(8 + 4 * w.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.putInt(WEIGHTS_MAGIC).putInt(w.length);
            buf.asFloatBuffer().put(w);
            put(zip, WEIGHTS, buf.array());
        }
        putText(zip, HISTORY, ArchiveTextEntries.historyCsv(model.history()));
        putText(zip, INPUT, ArchiveTextEntries.props(ArchiveTextEntries.inputToProperties(model.input())));
        putText(zip, PROVENANCE,
                ArchiveTextEntries.props(ArchiveTextEntries.provenanceToProperties(model.provenance())));
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
        Parsed p = parse(in, true);
        if (p.dl4jOnly()) {
            return new Loaded(Dl4jImport.model(p.entries(), p.described()), p.warnings());
        }
        Vae vae = network(p.entries(), p.config(), p.version(), p.described());
        List<EpochStats> history =
                ArchiveTextEntries.parseHistory(new String(p.entries().get(HISTORY), StandardCharsets.UTF_8));
        return new Loaded(new TrainedModel(vae, history, p.input(), provenance(p.entries())), p.warnings());
    }

    /**
     * What a model file holds, read without building its network: the configuration, the input it takes and the
     * backend that trained it (or the DL4J import's assumptions). The same checks as {@link #readWithWarnings} except
     * those of the parameters, whose entries are inflated within their caps but not kept (a damaged parameter entry
     * is found when the model is read). For a node's configure step.
     */
    public static Described describe(InputStream in) throws IOException {
        Parsed p = parse(in, false);
        if (p.dl4jOnly()) {
            VaeConfig config = Dl4jImport.assumedShape(p.described());
            return new Described(config, Dl4jImport.assumedInput(config), Dl4jImport.IMPORTED, p.warnings());
        }
        return new Described(p.config(), p.input(), provenance(p.entries()).backend(), p.warnings());
    }

    /** A model file's description (see {@link #describe}). */
    public record Described(VaeConfig config, InputDescription input, String backend, List<String> warnings) {
        public Described {
            warnings = List.copyOf(warnings);
        }
    }

    /** A file's entries and what its small entries say; {@code dl4jOnly} for a file DL4J saved without ours. */
    private record Parsed(Map<String, byte[]> entries, int version, VaeConfig config, VaeConfig described,
            InputDescription input, boolean dl4jOnly, List<String> warnings) {
    }

    private static Parsed parse(InputStream in, boolean parameters) throws IOException {
        List<String> warnings = new ArrayList<>();
        BoundedZipReader.Contents contents = BoundedZipReader.read(in, warnings, parameters);
        Map<String, byte[]> entries = contents.entries();
        List<String> unknown = contents.unknown();
        VaeConfig described = contents.described(); // the network configuration.json describes, if there is one
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
                return new Parsed(entries, 0, described, described, null, true, warnings);
            }
            throw corrupt("the entry " + FORMAT + " is missing, and it holds no DL4J network ("
                    + Dl4jNetworkFiles.CONFIGURATION + ")");
        }
        Properties format = ArchiveTextEntries.loadProps(entries.get(FORMAT), FORMAT);
        int version = ArchiveTextEntries.intProp(format, "format.version", FORMAT);
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
        if (!entries.containsKey(Dl4jNetworkFiles.COEFFICIENTS) && !entries.containsKey(WEIGHTS)) {
            throw noParameters();
        }
        VaeConfig config = ArchiveTextEntries.configFromEntry(entries.get(CONFIG));
        InputDescription input =
                ArchiveTextEntries.inputFromProperties(ArchiveTextEntries.loadProps(entries.get(INPUT), INPUT));
        return new Parsed(entries, version, config, described, input, false, warnings);
    }

    private static ModelFormatException noParameters() {
        return corrupt("it holds no parameters (neither " + Dl4jNetworkFiles.COEFFICIENTS + " nor " + WEIGHTS + ")");
    }

    private static Provenance provenance(Map<String, byte[]> entries) throws ModelFormatException {
        return ArchiveTextEntries.provenanceFromProperties(
                ArchiveTextEntries.loadProps(entries.get(PROVENANCE), PROVENANCE));
    }

    /**
     * The largest model file this engine writes or reads: the DL4J coefficients of the largest network and 64 MB for
     * the text entries (history, configuration, provenance).
     */
    public static final long MAX_FILE_BYTES =
            Dl4jNetworkFiles.maxCoefficientBytes(VaeConfig.MAX_PARAMETERS) + (64L << 20);

    /**
     * The bytes of a model file read whole from {@code in} (to its end, not closed), for a caller that checks the file
     * now ({@link #describe}) and builds its network later ({@link #fromBytes}). Refused before it is read past
     * {@link #MAX_FILE_BYTES} or a quarter of the free heap.
     */
    public static byte[] readBytes(InputStream in) throws IOException {
        long heapShare = MemoryBudget.heapShare();
        long limit = Math.min(MAX_FILE_BYTES, heapShare);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0;) {
            if (out.size() + (long) n > limit) {
                throw limit == heapShare && heapShare < MAX_FILE_BYTES
                        ? new ModelFormatException("The model file is larger than a quarter of the free memory ("
                                + (heapShare >> 20) + " MB); give KNIME more memory (-Xmx in knime.ini) to load it")
                        : corrupt("it is larger than any model file can be (over " + (MAX_FILE_BYTES >> 20) + " MB)");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Reads a model from zip bytes. */
    public static TrainedModel fromBytes(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
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
            throw noParameters();
        }
        return Dl4jImport.networkOf(config, params);
    }

    private static boolean sameNetwork(VaeConfig a, VaeConfig b) {
        return a.inputSize() == b.inputSize() && a.latentSize() == b.latentSize()
                && java.util.Arrays.equals(a.encoderHidden(), b.encoderHidden())
                && java.util.Arrays.equals(a.decoderHidden(), b.decoderHidden()) && a.activation() == b.activation()
                && a.likelihood() == b.likelihood() && a.numClasses() == b.numClasses();
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

    // ------------------------------------------------------------------------------------------------ helpers

    static ModelFormatException corrupt(String why) {
        return new ModelFormatException("The model file is corrupt or not a VAE Nodes model: " + why);
    }

    static ModelFormatException corrupt(String why, Exception cause) {
        ModelFormatException e = corrupt(why);
        e.initCause(cause);
        return e;
    }
}