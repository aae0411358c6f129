package org.vaenodes.knime.testflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.NodeMessage;
import org.knime.core.node.workflow.WorkflowManager;

/**
 * What the OSGi test learns of one batch run, whoever runs it (KNIME 5.3's BatchExecutor, or our stand-in for newer
 * cores): when the first node finished executing, every node's state and message, and the image ports it asked for,
 * written to files before the workflow is closed.
 */
final class FlowReport {

    private final long t0;
    private final AtomicLong firstExecuted = new AtomicLong(-1);
    private final List<String> lines = new ArrayList<>();

    /** @param t0 System.nanoTime() when the framework was started */
    FlowReport(long t0) {
        this.t0 = t0;
    }

    /** Call before executing: notes when the first node of {@code wfm} is executed. */
    void watch(WorkflowManager wfm) {
        for (NodeContainer nc : wfm.getNodeContainers()) {
            nc.addNodeStateChangeListener(e -> {
                if (nc.getNodeContainerState().isExecuted()) {
                    firstExecuted.compareAndSet(-1, (System.nanoTime() - t0) / 1_000_000);
                }
            });
        }
    }

    /** Call after executing: each node's state and message, then the {@code exports} ("node:port file"). */
    void executed(WorkflowManager wfm, List<String> exports) {
        for (NodeContainer nc : wfm.getNodeContainers()) {
            NodeMessage m = nc.getNodeMessage();
            lines.add("#" + nc.getID().getIndex() + " " + nc.getName() + ": " + nc.getNodeContainerState()
                + (m.getMessageType() == NodeMessage.Type.RESET ? "" : " [" + m.getMessageType() + "] "
                    + m.getMessage().replace('\n', ' ')));
        }
        for (String export : exports) {
            lines.add(export(wfm, export));
        }
    }

    /** The exit code, the milliseconds to the first executed node (-1: none), then the report lines. */
    List<String> result(int exitCode) {
        List<String> out = new ArrayList<>(List.of(Integer.toString(exitCode), Long.toString(firstExecuted.get())));
        out.addAll(lines);
        return out;
    }

    private static String export(WorkflowManager wfm, String export) {
        String[] e = export.split(" ", 2); // "3:1 /path/latent-grid.png"
        String[] nodePort = e[0].split(":");
        NodeContainer nc = wfm.getNodeContainer(new NodeID(wfm.getID(), Integer.parseInt(nodePort[0])));
        PortObject po = nc.getOutPort(Integer.parseInt(nodePort[1])).getPortObject();
        if (!(po instanceof ImagePortObject image)) {
            return "no image at " + e[0] + " to write " + e[1];
        }
        Path file = Path.of(e[1]);
        try {
            Files.write(file, ((PNGImageValue) image.toDataCell()).getImageContent().getByteArray());
            return "wrote " + file + " (" + Files.size(file) + " bytes)";
        } catch (IOException ex) {
            return "could not write " + file + ": " + ex;
        }
    }
}
