package org.vaenodes.knime.testflows;

import java.util.List;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.workflow.BatchExecutor;
import org.knime.core.node.workflow.WorkflowManager;

/**
 * KNIME 5.3's own batch executor, unchanged in what it does (parse the command line, load, apply
 * -workflow.variable/-option, reset, execute while polling the workspace's cancel file, close); this subclass only
 * lets {@link FlowReport} watch the run and write the image ports the test asked for before KNIME closes the
 * workflow. Compiled only against cores that have KNIME's BatchExecutor (it left the core in 5.9).
 */
final class OsgiBatchRun extends BatchExecutor {

    /** What runs the flows, for the report. */
    static final String NAME = "KNIME's BatchExecutor";

    private final List<String> exports;
    private final FlowReport report;

    private OsgiBatchRun(String[] args, List<String> exports, long t0) throws Exception {
        super(args);
        this.exports = exports;
        this.report = new FlowReport(t0);
    }

    static List<String> run(String[] args, List<String> exports, long t0) throws Exception {
        OsgiBatchRun run = new OsgiBatchRun(args, exports, t0);
        return run.report.result(run.runAll());
    }

    @Override
    protected boolean executeWorkflow(WorkflowManager wfm, WorkflowConfiguration config)
        throws CanceledExecutionException, BatchException {
        report.watch(wfm);
        boolean ok = super.executeWorkflow(wfm, config);
        report.executed(wfm, exports);
        return ok;
    }
}
