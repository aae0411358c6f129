package org.vaenodes.engine.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.vaenodes.engine.concurrent.EngineThread;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.network.Dl4jConfigurations;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.spec.Dl4jCompatibility;
import org.vaenodes.engine.spec.VaeConfig;

/**
 * The two entries of Deeplearning4j's model zip ({@code ModelSerializer}) that carry a network, in plain Java types:
 * {@value #CONFIGURATION} (the network's JSON) and {@value #COEFFICIENTS} (the flat parameter vector in ND4J's
 * binary array format). Writing uses DL4J's own serialisers, so any DL4J 1.0.0-M2.1 program restores the network.
 * Reading never lets DL4J allocate from a file's claims: the JSON's type names are checked against an allow-list
 * before DL4J parses it, and the coefficients are parsed here, after their size was checked against the network
 * the configuration describes.
 */
public final class Dl4jNetworkFiles {

    /** Entry name of the network configuration in DL4J's model zip. */
    public static final String CONFIGURATION = "configuration.json";
    /** Entry name of the parameters in DL4J's model zip. */
    public static final String COEFFICIENTS = "coefficients.bin";
    /** Largest accepted configuration text. */
    public static final long MAX_CONFIGURATION_BYTES = 1L << 20;

    private static final String MIXED = "MIXED_DATA_TYPES";
    /** Longest header of a parameter vector in ND4J's format: rank 2, shape info of 8 longs, three short strings. */
    private static final int MAX_HEADER = 2 + MIXED.length() + 8 + 2 + 4 + 8 * 8 + 2 + MIXED.length() + 8 + 2 + 5;

    private Dl4jNetworkFiles() {
    }

    /** Bytes that {@value #COEFFICIENTS} of a network with {@code parameters} parameters can take at most. */
    public static long maxCoefficientBytes(long parameters) {
        return MAX_HEADER + 4 * parameters;
    }

    /** A network's two DL4J entries: its configuration as JSON and its parameters as DL4J writes them. */
    public record Entries(String configurationJson, byte[] coefficients) {
    }

    /** The entries {@value #CONFIGURATION} and {@value #COEFFICIENTS} of a DL4J network, from one DL4J network. */
    public static Entries entries(Vae vae) {
        requireDl4j(vae);
        return EngineThread.supply(() -> {
            MultiLayerNetwork net = dl4jNetworkOf(vae);
            ByteArrayOutputStream out = new ByteArrayOutputStream(
                    Math.toIntExact(maxCoefficientBytes(net.numParams())));
            try (DataOutputStream data = new DataOutputStream(out)) {
                Nd4j.write(net.params(), data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Entries(net.getLayerWiseConfigurations().toJson(), out.toByteArray());
        });
    }

    /**
     * A DL4J network holding a copy of the model's parameters, as DL4J would build it from the model's configuration
     * (the model keeps its own to itself). Engine thread.
     */
    private static MultiLayerNetwork dl4jNetworkOf(Vae vae) {
        return Network.fromParameters(vae.config(), vae.parameters()).dl4j();
    }

    private static void requireDl4j(Vae vae) {
        if (!vae.isDl4jNetwork()) {
            throw new IllegalArgumentException("This network (" + vae.config().describe() + ") is not a DL4J "
                    + "network: " + Dl4jCompatibility.whyNot(vae.config()));
        }
    }

    /**
     * Our description of the network a DL4J configuration describes, or an IllegalArgumentException saying what is
     * not supported or why DL4J could not parse it. Image shape unknown, β = 1.
     */
    public static VaeConfig parseConfiguration(String json) {
        Dl4jConfigurations.checkClassNames(json);
        MultiLayerConfiguration conf;
        try {
            conf = MultiLayerConfiguration.fromJson(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("DL4J 1.0.0-M2.1 cannot parse the network configuration: "
                    + firstLine(e), e);
        }
        return Dl4jConfigurations.toVaeConfig(conf);
    }

    /**
     * The parameters in {@value #COEFFICIENTS}: a float vector in ND4J's binary format, of exactly
     * {@code expected} values (the count the configuration implies), else an IllegalArgumentException naming the
     * difference. Reads nothing the size check has not bounded.
     */
    public static float[] parseCoefficients(byte[] bytes, long expected) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            expect(MIXED, readShortUtf(in), "start");
            long infoLength = in.readLong();
            if (infoLength != 6 && infoLength != 8) {
                throw new IllegalArgumentException("its shape describes an array of rank " + (infoLength - 4) / 2
                        + "; a parameter vector has rank 1 or 2");
            }
            expect("LONG", readShortUtf(in), "shape type");
            long[] info = new long[(int) infoLength];
            for (int i = 0; i < info.length; i++) {
                info[i] = in.readLong();
            }
            long rank = info[0];
            long count = 1;
            for (int i = 1; i <= rank && i < info.length; i++) {
                if (info[i] < 0) {
                    throw new IllegalArgumentException("its shape has a negative size");
                }
                count = Math.multiplyExact(count, info[i]);
            }
            if (rank != (infoLength - 4) / 2 || rank == 2 && info[1] != 1) {
                throw new IllegalArgumentException("its shape is not a vector");
            }
            if (count != expected) {
                throw new IllegalArgumentException("it holds " + count + " parameters, but the network the "
                        + "configuration describes has " + expected);
            }
            expect(MIXED, readShortUtf(in), "data marker");
            long length = in.readLong();
            if (length != expected) {
                throw new IllegalArgumentException("its data length " + length + " differs from its shape's "
                        + expected);
            }
            expect("FLOAT", readShortUtf(in), "data type");
            int headerEnd = bytes.length - in.available();
            if (bytes.length - headerEnd != 4 * expected) {
                throw new IllegalArgumentException("it has " + (bytes.length - headerEnd) + " bytes of data, "
                        + "expected " + 4 * expected);
            }
            float[] values = new float[Math.toIntExact(expected)];
            ByteBuffer.wrap(bytes, headerEnd, bytes.length - headerEnd).order(ByteOrder.BIG_ENDIAN).asFloatBuffer()
                    .get(values);
            return values;
        } catch (IOException | ArithmeticException e) {
            throw new IllegalArgumentException("it is truncated or malformed (" + e + ")", e);
        }
    }

    /** A modified-UTF-8 string of at most 32 bytes (longer ones are not part of this format). */
    private static String readShortUtf(DataInputStream in) throws IOException {
        in.mark(2);
        int len = in.readUnsignedShort();
        if (len > 32) {
            throw new IllegalArgumentException("it has a header string of " + len + " bytes where at most 32 are "
                    + "expected");
        }
        in.reset();
        return in.readUTF();
    }

    private static void expect(String wanted, String got, String what) {
        if (!wanted.equals(got)) {
            throw new IllegalArgumentException("its " + what + " is \"" + got + "\", expected \"" + wanted + "\"");
        }
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
