package org.vaenodes.knime.testflows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.workflow.BatchExecutor;
import org.knime.core.node.workflow.BatchExecutor.BatchException;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.NodeMessage;
import org.knime.core.node.workflow.WorkflowManager;

/**
 * KNIME 5.3's own batch executor, unchanged in what it does (parse the command line, load, apply
 * -workflow.variable/-option, reset, execute while polling the workspace's cancel file, close); this subclass only
 * watches the nodes execute and, before KNIME closes the workflow, writes the image ports the test asked for.
 */
final class OsgiBatchRun extends BatchExecutor {

    private final List<String> exports;
    private final long t0;
    private final AtomicLong firstExecuted = new AtomicLong(-1);
    private final List<String> report = new ArrayList<>();

    private OsgiBatchRun(String[] args, List<String> exports, long t0) throws Exception {
        super(args);
        this.exports = exports;
        this.t0 = t0;
    }

    static List<String> run(String[] args, List<String> exports, long t0) throws Exception {
        OsgiBatchRun run = new OsgiBatchRun(args, exports, t0);
        int code = run.runAll();
        List<String> out = new ArrayList<>(List.of(Integer.toString(code), Long.toString(run.firstExecuted.get())));
        out.addAll(run.report);
        return out;
    }

    @Override
    protected boolean executeWorkflow(WorkflowManager wfm, WorkflowConfiguration config)
        throws CanceledExecutionException, BatchException {
        for (NodeContainer nc : wfm.getNodeContainers()) {
            nc.addNodeStateChangeListener(e -> {
                if (nc.getNodeContainerState().isExecuted()) {
                    firstExecuted.compareAndSet(-1, (System.nanoTime() - t0) / 1_000_000);
                }
            });
        }
        boolean ok = super.executeWorkflow(wfm, config);
        for (NodeContainer nc : wfm.getNodeContainers()) {
            NodeMessage m = nc.getNodeMessage();
            report.add("#" + nc.getID().getIndex() + " " + nc.getName() + ": " + nc.getNodeContainerState()
                + (m.getMessageType() == NodeMessage.Type.RESET ? "" : " [" + m.getMessageType() + "] "
                    + m.getMessage().replace('\n', ' ')));
        }
        for (String export : exports) {
            report.add(export(wfm, export));
        }
        return ok;
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
