package org.vaenodes.knime.testflows;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.image.ImagePortObject;
import org.vaenodes.engine.train.EpochStats;
import org.vaenodes.engine.train.TrainedModel;
import org.vaenodes.knime.port.VaeModelPortObject;

/**
 * Writes every output port of a run as text that another runtime's run can be compared with, one file per port
 * ({@code <node>-<port>.dump}, ports numbered as in workflow.knime): tables cell by cell (doubles exactly,
 * PNG cells as the SHA-256 of their bytes), image ports as the SHA-256 of their PNG, VAE models as their
 * configuration, input description, provenance, history and parameters. Wall-clock values (training seconds, start
 * and end times) are written as {@value #NOT_COMPARED}: they differ between any two runs.
 *
 * <p>Compiled twice: against our API shim for our runner, and against KNIME's real core for KNIME's WorkflowManager
 * (releng/knime-runtime-tests, which also reads the files). Its grammar, per line: an {@code x} (a double's bits in
 * hexadecimal), {@code i}, {@code s}, {@code png:} or {@code [ … ]} token per value, tab-separated; doubles compare
 * with a relative tolerance,
 * everything else exactly. Values never hold a blank (strings escape it), so list elements are blank-separated.
 */
final class PortDump {

    /** Written for a value that is not compared. */
    static final String NOT_COMPARED = "~";

    /** Table columns that hold wall-clock measurements (the VAE Learner's training history). */
    private static final Set<String> WALL_CLOCK_COLUMNS = Set.of("Seconds");

    private PortDump() {
    }

    /** Lists each node's id and label, for naming differences. */
    static final String NODES = "nodes.txt";

    /**
     * Dumps every output of every executed node into {@code dir}, with the {@value #NODES} list of nodes.
     *
     * @return per port ("node-port") the SHA-256 of its dump, to compare a later state with without writing again
     */
    static Map<String, String> writeAll(FlowOutcome run, Path dir) throws IOException {
        if (Files.isDirectory(dir)) { // an earlier run's dump of a port this run lacks must not be compared
            try (var old = Files.list(dir)) {
                for (Path f : old.toList()) {
                    Files.delete(f);
                }
            }
        }
        Files.createDirectories(dir);
        StringBuilder nodes = new StringBuilder();
        run.nodes().values().forEach(n -> nodes.append(n.id()).append('\t').append(n.label()).append('\n'));
        Files.writeString(dir.resolve(NODES), nodes);
        Map<String, String> digests = new TreeMap<>();
        for (FlowOutcome.NodeOutcome n : run.nodes().values()) {
            for (int p = 0; n.outputs() != null && p < n.outputs().length; p++) {
                if (n.outputs()[p] != null) {
                    String port = n.id() + "-" + (p + 1);
                    digests.put(port, write(n.outputs()[p], dir.resolve(port + ".dump")));
                }
            }
        }
        return digests;
    }

    /** @return the SHA-256 of what was written */
    static String write(PortObject po, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return write(po, out);
        }
    }

    /** The SHA-256 of the dump of {@code po}, without writing it anywhere. */
    static String digest(PortObject po) throws IOException {
        return write(po, OutputStream.nullOutputStream());
    }

    private static String write(PortObject po, OutputStream out) throws IOException {
        MessageDigest md = sha256();
        Writer w = new OutputStreamWriter(new DigestOutputStream(out, md), StandardCharsets.UTF_8);
        write(po, w);
        w.flush();
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static void write(PortObject po, Writer w) throws IOException {
        if (po instanceof BufferedDataTable t) {
            writeTable(t, w);
        } else if (po instanceof ImagePortObject img) {
            w.write("image\t" + png(img.toDataCell()) + "\n");
        } else if (po instanceof VaeModelPortObject m) {
            writeModel(m.model(), w);
        } else {
            w.write("other\ts" + escape(po.getClass().getName() + " " + po.getSummary()) + "\n");
        }
    }

    private static void writeTable(BufferedDataTable t, Writer w) throws IOException {
        StringBuilder header = new StringBuilder("table");
        boolean[] skip = new boolean[t.getDataTableSpec().getNumColumns()];
        for (int c = 0; c < skip.length; c++) {
            DataColumnSpec col = t.getDataTableSpec().getColumnSpec(c);
            header.append("\ts").append(escape(col.getName() + " : " + col.getType().getCellClass().getName()));
            skip[c] = WALL_CLOCK_COLUMNS.contains(col.getName());
        }
        w.write(header.append('\n').toString());
        StringBuilder line = new StringBuilder();
        for (DataRow row : t) {
            line.setLength(0);
            line.append("row\ts").append(escape(row.getKey().getString()));
            for (int c = 0; c < skip.length; c++) {
                line.append('\t').append(skip[c] ? NOT_COMPARED : cell(row.getCell(c)));
            }
            w.write(line.append('\n').toString());
        }
    }

    private static String cell(DataCell c) {
        if (c.isMissing()) {
            return "?";
        }
        if (c instanceof PNGImageValue) {
            return png(c);
        }
        if (c instanceof ListDataValue list) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(cell(list.get(i)));
            }
            return sb.append(']').toString();
        }
        if (c instanceof IntValue || c instanceof LongValue) {
            return "i" + (c instanceof LongValue l ? l.getLongValue() : ((IntValue) c).getIntValue());
        }
        if (c instanceof DoubleValue d) {
            return dbl(d.getDoubleValue());
        }
        if (c instanceof StringValue s) {
            return "s" + escape(s.getStringValue());
        }
        return "s" + escape(c.getClass().getSimpleName() + ":" + c);
    }

    private static void writeModel(TrainedModel m, Writer w) throws IOException {
        w.write("model\n");
        w.write("config\ts" + escape(String.valueOf(m.config())) + "\n");
        w.write("input\ts" + escape(String.valueOf(m.input())) + "\n");
        var p = m.provenance();
        w.write("provenance\ts" + escape(p.dataSha256()) + "\ti" + p.rows() + "\ti" + p.seed() + "\ts"
            + escape(p.backend()) + "\ts" + escape(p.trainer()) + "\t" + NOT_COMPARED + "\n");
        var t = p.training(); // the Java version and thread count describe the machine, not the training
        if (t != null) {
            w.write("training\ti" + t.epochsAsked() + "\ti" + t.epochsRun() + "\ti" + t.bestEpoch() + "\ts"
                + t.stoppedEarly() + "\ti" + t.batchSize() + "\t" + dbl(t.learningRate()) + "\t"
                + dbl(t.validationFraction()) + "\ti" + t.patience() + "\ts" + t.binarize() + "\n");
        }
        for (EpochStats e : m.history()) {
            w.write("epoch\ti" + e.epoch() + "\t" + dbl(e.trainNegElbo()) + "\t" + dbl(e.trainRecon()) + "\t"
                + dbl(e.trainKl()) + "\t" + dbl(e.validationNegElbo()) + "\t" + NOT_COMPARED + "\n");
        }
        StringBuilder params = new StringBuilder("parameters");
        for (float f : m.vae().parameters()) {
            params.append('\t').append(dbl(f));
        }
        w.write(params.append('\n').toString());
    }

    /**
     * A double as "x" and the hexadecimal of its IEEE 754 bits: exact, and several times faster to write than its
     * decimal form on Java 17 (the dumps hold tens of millions of pixel values).
     */
    private static String dbl(double v) {
        return "x" + Long.toHexString(Double.doubleToRawLongBits(v));
    }

    private static String png(DataCell cell) {
        byte[] bytes = ((PNGImageValue) cell).getImageContent().getByteArray();
        return "png:" + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** Backslashes, tabs, line breaks and blanks escaped, so that one value stays one token on one line. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
            .replace(" ", "\\s");
    }
}
