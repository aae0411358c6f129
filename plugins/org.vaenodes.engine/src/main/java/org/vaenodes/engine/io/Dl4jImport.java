package org.vaenodes.engine.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.spec.InputDescription;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.TrainedModel;

/**
 * The network entries of a DL4J model zip, checked and turned into our model. A zip saved by DL4J itself carries
 * none of our metadata: the image shape is taken as square when the input size is a square number, the input as
 * one list column named {@value #LIST_COLUMN} (as the MNIST Reader writes), no history, and a provenance that says
 * the model was imported.
 */
final class Dl4jImport {

    /** The list column a DL4J-made model reads its inputs from, unless the user says otherwise. */
    static final String LIST_COLUMN = "Pixels";
    static final String IMPORTED = "imported from a DL4J model file";

    private Dl4jImport() {
    }

    /** Our description of the network in the entries' DL4J configuration. */
    static VaeConfig config(Map<String, byte[]> entries) throws ModelFormatException {
        try {
            return Dl4jNetworkFiles.parseConfiguration(
                    new String(entries.get(Dl4jNetworkFiles.CONFIGURATION), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw ModelArchive.corrupt(Dl4jNetworkFiles.CONFIGURATION + " is not supported: " + e.getMessage(), e);
        }
    }

    /** The parameters in the entries' coefficients, exactly as many as {@code config} has. */
    static float[] parameters(Map<String, byte[]> entries, VaeConfig config) throws ModelFormatException {
        byte[] bytes = entries.get(Dl4jNetworkFiles.COEFFICIENTS);
        if (bytes == null) {
            throw ModelArchive.corrupt("the entry " + Dl4jNetworkFiles.COEFFICIENTS + " is missing");
        }
        try {
            return Dl4jNetworkFiles.parseCoefficients(bytes, config.parameterCount());
        } catch (IllegalArgumentException e) {
            throw ModelArchive.corrupt(Dl4jNetworkFiles.COEFFICIENTS + " does not fit: " + e.getMessage(), e);
        }
    }

    /** The network with these parameters, after checking its off-heap memory is there. */
    static Vae networkOf(VaeConfig config, float[] params) throws ModelFormatException {
        MemoryBudget.requireOffHeap(4L * params.length, "parameters");
        try {
            return Vae.fromParameters(config, params);
        } catch (IllegalArgumentException e) {
            throw ModelArchive.corrupt("its parameters are not valid: " + e.getMessage(), e);
        }
    }

    /** A model from a zip that DL4J saved (no metadata of ours), whose configuration describes {@code described}. */
    static TrainedModel model(Map<String, byte[]> entries, VaeConfig described) throws ModelFormatException {
        VaeConfig config = assumedShape(described);
        float[] params = parameters(entries, config);
        Vae vae = networkOf(config, params);
        Instant now = Instant.now();
        Provenance provenance = new Provenance(sha256(entries.get(Dl4jNetworkFiles.COEFFICIENTS)), 0, 0, IMPORTED,
                "unknown", "unknown", "unknown (not VAE Nodes)", now, now);
        return new TrainedModel(vae, List.of(), assumedInput(config), provenance);
    }

    /** What a DL4J file cannot say, assumed: a square input is a grey image of that side (784 values: 28 × 28). */
    static VaeConfig assumedShape(VaeConfig described) {
        int side = (int) Math.round(Math.sqrt(described.inputSize()));
        return side * side == described.inputSize() ? described.withImageShape(side, side) : described;
    }

    /** The input a DL4J file is assumed to take: one list column as the MNIST Reader writes it. */
    static InputDescription assumedInput(VaeConfig config) {
        return InputDescription.ofList(LIST_COLUMN, config.inputSize());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
