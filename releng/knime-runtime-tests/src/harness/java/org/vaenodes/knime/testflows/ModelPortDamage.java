package org.vaenodes.knime.testflows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.WorkflowPersistor.LoadResultEntry.LoadResultEntryType;
import org.vaenodes.engine.io.Dl4jNetworkFiles;

/**
 * A saved, executed workflow whose VAE model port object KNIME saved is damaged on disk — truncated, bytes flipped,
 * an entry of the model archive removed — and loaded again: KNIME must report a clear error on the VAE Learner, keep
 * every node not behind it executed with its data, and executing the flow again must repair the learner (the same
 * model, as training is seeded).
 */
final class ModelPortDamage {

    /** Flow 04's learner trains on 500 digits: a cheap repair. */
    static final String FLOW = "04_idx_files_and_errors";
    private static final int LEARNER = 3;
    private static final String MODEL_ENTRY = "vae-model.zip";

    private enum Kind { TRUNCATED, BYTES_FLIPPED, ENTRY_REMOVED }

    private final Path work;
    private final Path saved;

    ModelPortDamage(Path work, Path saved) {
        this.work = work;
        this.saved = saved;
    }

    List<String> run(List<String> problems) throws Exception {
        Map<String, String> original;
        Set<Integer> behindLearner;
        try (KnimeFlow flow = KnimeFlow.load(saved)) {
            original = flow.fingerprint();
            behindLearner = flow.successors(LEARNER);
        }
        List<String> report = new ArrayList<>();
        if (!entryNames(archive(Files.readAllBytes(modelPortFile(saved)))).contains(Dl4jNetworkFiles.COEFFICIENTS)) {
            problems.add("the saved model archive has no " + Dl4jNetworkFiles.COEFFICIENTS + " to remove");
        }
        for (Kind kind : Kind.values()) {
            Path dir = KnimeTestflowsMain.copy(saved, work.resolve(kind.name().toLowerCase()));
            Path file = modelPortFile(dir);
            damage(kind, file);
            try (KnimeFlow flow = KnimeFlow.load(dir)) {
                NodeContainer learner = flow.node(LEARNER);
                String loadErrors = flow.loadResult.getFilteredError("", LoadResultEntryType.Warning);
                String shown = learner.getNodeMessage().getMessage();
                if (learner.getNodeContainerState().isExecuted()) {
                    problems.add(kind + ": the learner loaded as EXECUTED from a damaged model file " + file);
                }
                if (!loadErrors.contains(KnimeFlow.label(learner).replaceAll(" \\(#\\d+\\)", ""))
                    && !loadErrors.contains(learner.getNameWithID())) {
                    problems.add(kind + ": the load result does not name the learner: " + loadErrors);
                }
                String afterLoad = learner.getNodeContainerState() + " \"" + firstLine(loadErrors, shown) + "\"";
                Map<String, String> now = flow.fingerprint();
                for (var e : original.entrySet()) {
                    int node = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('-')));
                    if (node != LEARNER && !behindLearner.contains(node) && !e.getValue().equals(now.get(e.getKey()))) {
                        problems.add(kind + ": node #" + node + " lost or changed " + e.getKey() + " on loading");
                    }
                }
                flow.wfm.executeAllAndWaitUntilDone();
                Map<String, String> repaired = flow.fingerprint();
                for (String key : List.of(LEARNER + "-1", LEARNER + "-2")) {
                    if (!original.get(key).equals(repaired.get(key))) {
                        problems.add(kind + ": executing again did not give the learner's " + key + " back: "
                            + KnimeFlow.stateLine(flow.node(LEARNER)));
                    }
                }
                report.add(kind.name().toLowerCase().replace('_', ' ') + " -> learner " + afterLoad
                    + ", repaired by executing: " + flow.node(LEARNER).getNodeContainerState());
            }
        }
        return report;
    }

    /** The line of KNIME's load result that says why the port content could not be loaded (else the node's message). */
    private static String firstLine(String loadErrors, String shown) {
        return Stream.of(loadErrors.split("\n")).map(String::strip)
            .filter(l -> l.contains("Unable to load port content")).findFirst().orElse(String.valueOf(shown));
    }

    /** The file under the learner's folder in which KNIME saved the model port object (holds our zip entry). */
    private static Path modelPortFile(Path flowDir) throws IOException {
        try (Stream<Path> s = Files.walk(flowDir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().contains("#" + LEARNER + ")"))
                .toList()) {
                if (entryNames(Files.readAllBytes(p)).contains(MODEL_ENTRY)) {
                    return p;
                }
            }
        }
        throw new IOException("KNIME saved no file with a " + MODEL_ENTRY + " entry for node #" + LEARNER
            + " in " + flowDir);
    }

    private static List<String> entryNames(byte[] zip) {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                names.add(e.getName());
            }
        } catch (IOException e) {
            // not a zip
        }
        return names;
    }

    private static void damage(Kind kind, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        switch (kind) {
            case TRUNCATED -> Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            case BYTES_FLIPPED -> {
                for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
                    bytes[i] ^= (byte) 0xFF;
                }
                Files.write(file, bytes);
            }
            case ENTRY_REMOVED -> Files.write(file, withoutParameters(bytes));
        }
    }

    /** KNIME's port object zip again, its model archive without the entry holding the network's parameters. */
    private static byte[] withoutParameters(byte[] portZip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(portZip));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                byte[] data = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(e.getName().equals(MODEL_ENTRY) ? archiveWithout(data, Dl4jNetworkFiles.COEFFICIENTS) : data);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** The model archive inside KNIME's port object zip. */
    private static byte[] archive(byte[] portZip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(portZip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                if (e.getName().equals(MODEL_ENTRY)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IOException("no " + MODEL_ENTRY + " in the port object zip");
    }

    private static byte[] archiveWithout(byte[] archive, String entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                byte[] data = in.readAllBytes();
                if (!e.getName().equals(entry)) {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    zip.write(data);
                    zip.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }
}
