package org.vaenodes.engine.io;

import static org.vaenodes.engine.io.ModelArchive.CONFIG;
import static org.vaenodes.engine.io.ModelArchive.OURS;
import static org.vaenodes.engine.io.ModelArchive.WEIGHTS;
import static org.vaenodes.engine.io.ModelArchive.corrupt;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import org.vaenodes.engine.spec.VaeConfig;

/**
 * Reads the entries of a model zip so that the file cannot choose how much gets inflated or what gets read: at most
 * {@value #MAX_ENTRIES} entries, top-level names only, {@value #PREPROCESSOR} (Java-serialised) refused, DL4J's
 * other stored objects and unexpected entries skipped, every entry that is kept capped while it inflates
 * ({@link #limitFor}), and all skipped entries held to one budget together ({@link #skippedBudget}). What the kept
 * entries mean, and whether they make a model, is left to {@link ModelArchive}.
 */
final class BoundedZipReader {

    /** DL4J entries that are never read: their content would be Java-deserialised or is not used. */
    static final String PREPROCESSOR = "preprocessor.bin";
    static final String NORMALIZER = "normalizer.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    static final String OBJECTS_FOLDER = "objects/";

    static final long MAX_TEXT_ENTRY = 4L << 20;
    static final long MAX_WEIGHTS = 8 + 4 * VaeConfig.MAX_PARAMETERS;
    static final int MAX_ENTRIES = 64;

    /**
     * What a zip held: the entries kept (ours and DL4J's network entries) by name, the names of unexpected entries
     * that were skipped, in the order met, and the network the DL4J configuration describes (null without one).
     */
    record Contents(Map<String, byte[]> entries, List<String> unknown, VaeConfig described) {
    }

    private BoundedZipReader() {
    }

    /**
     * Reads the zip in {@code in} to its last entry (without closing it), adding to {@code warnings} the skipped
     * stored objects the user should know of; ModelFormatException if the zip is incomplete or breaks a rule above.
     */
    static Contents read(InputStream in, List<String> warnings) throws IOException {
        return read(in, warnings, true);
    }

    /**
     * As {@link #read(InputStream, List)}; without {@code parameters} the parameter entries ({@code weights.bin},
     * {@code coefficients.bin}) are inflated within their caps but not kept: an empty array marks that they are
     * there. For reading what a model is without building it.
     */
    static Contents read(InputStream in, List<String> warnings, boolean parameters) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
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
                long limit = limitFor(name, entries, described);
                if (!parameters && (name.equals(WEIGHTS) || name.equals(Dl4jNetworkFiles.COEFFICIENTS))) {
                    discardBounded(zip, limit, name);
                    entries.put(name, new byte[0]);
                } else {
                    entries.put(name, readBounded(zip, limit, name));
                }
                if (name.equals(Dl4jNetworkFiles.CONFIGURATION)) {
                    described = Dl4jImport.config(entries);
                }
            }
        } catch (ZipException | EOFException e) {
            throw corrupt("it is not a complete zip file (" + e.getMessage() + ")", e);
        } catch (IllegalArgumentException e) {
            throw corrupt("an entry name is not valid UTF-8 (" + e.getMessage() + ")", e);
        }
        return new Contents(entries, unknown, described);
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
        long limit = name.equals(WEIGHTS) ? MAX_WEIGHTS
                : Dl4jNetworkFiles.maxCoefficientBytes(VaeConfig.MAX_PARAMETERS);
        byte[] config = entriesSoFar.get(CONFIG);
        if (config != null && name.equals(WEIGHTS)) {
            limit = 8 + 4 * ArchiveTextEntries.configFromEntry(config).parameterCount();
        }
        if (described != null && name.equals(Dl4jNetworkFiles.COEFFICIENTS)) {
            limit = Dl4jNetworkFiles.maxCoefficientBytes(described.parameterCount());
        }
        // while reading, the growing buffer and its copy (up to 3x), then the floats parsed from the bytes
        return Math.min(limit, MemoryBudget.heapShare());
    }

    /**
     * How many bytes all skipped entries (updater state, normalizer, stored objects) may inflate to together, so a
     * file cannot keep the reader inflating for long: DL4J's Adam state of the network described so far (two values
     * per parameter) plus 64 MB, or 1 GB while no network has been described yet.
     */
    private static long skippedBudget(VaeConfig described) {
        return described == null ? 1L << 30 : 8 * described.parameterCount() + (64L << 20);
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
}
