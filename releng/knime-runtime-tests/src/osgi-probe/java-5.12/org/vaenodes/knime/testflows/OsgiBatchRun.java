package org.vaenodes.knime.testflows;

import java.io.File;
import java.util.List;

import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.workflow.WorkflowLoadHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.WorkflowPersistor.WorkflowLoadResult;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;

/**
 * For cores without KNIME's batch executor (it moved from the core to KNIME AP's batch bundle in 5.9, which is not
 * here): the same command line run the way that executor runs it — load the local workflow in batch mode, apply
 * {@code -workflow.variable}/{@code -option} ({@link KnimeBatchOptions}), reset, execute, close without saving — and
 * the same exit codes (0 executed, 3 not loadable, 4 not all nodes executed). Only -workflowDir, -reset, -nosave and
 * the two overrides are understood; the test passes no others.
 */
final class OsgiBatchRun {

    /** What runs the flows, for the report. */
    static final String NAME = "stand-in for KNIME AP's batch executor (none in this core)";

    private OsgiBatchRun() {
    }

    static List<String> run(String[] args, List<String> exports, long t0) throws Exception {
        FlowReport report = new FlowReport(t0);
        BatchOverrides overrides = new BatchOverrides();
        File dir = null;
        boolean reset = false;
        for (String a : args) {
            if (a.startsWith("-workflowDir=")) {
                dir = new File(a.substring("-workflowDir=".length()));
            } else if (a.equals("-reset")) {
                reset = true;
            } else if (!a.equals("-nosave") && !overrides.parse(a)) {
                throw new IllegalArgumentException("the stand-in batch run does not know " + a);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("no -workflowDir= in " + String.join(" ", args));
        }
        var path = dir.toPath().toAbsolutePath();
        var context = WorkflowContextV2.builder()
            .withAnalyticsPlatformExecutor(exec -> exec.withCurrentUserAsUserId()
                .withLocalWorkflowPath(path).withBatchMode(true))
            .withLocalLocation().build();
        WorkflowLoadResult loaded = WorkflowManager.loadProject(dir, new ExecutionMonitor(),
            new WorkflowLoadHelper(false, context));
        WorkflowManager wfm = loaded.getWorkflowManager();
        if (wfm == null) {
            return report.result(3);
        }
        try {
            KnimeBatchOptions.apply(overrides, wfm);
            if (reset) {
                wfm.resetAndConfigureAll();
            }
            report.watch(wfm);
            boolean ok = wfm.executeAllAndWaitUntilDone();
            report.executed(wfm, exports);
            return report.result(ok ? 0 : 4);
        } finally {
            WorkflowManager.ROOT.removeProject(wfm.getID());
        }
    }
}
