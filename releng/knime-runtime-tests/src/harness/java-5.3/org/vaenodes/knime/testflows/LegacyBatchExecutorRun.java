package org.vaenodes.knime.testflows;

import java.util.function.Function;

import org.knime.core.node.workflow.BatchExecutor;
import org.knime.core.node.workflow.WorkflowManager;

/**
 * KNIME 5.3's own batch executor (org.knime.core's BatchExecutor, removed from the core in 5.9): it parses the
 * command line, loads the workflow, applies -workflow.variable and -option, resets, executes and saves as KNIME AP's
 * batch application does. Only waiting for execution is ours: KNIME's version also polls a cancel file in the
 * Eclipse workspace, which this plain class path has no workspace for. Compiled only against KNIME cores that have
 * the class.
 */
final class LegacyBatchExecutorRun extends BatchExecutor {

    private static Function<WorkflowManager, String> inspect = wfm -> "";
    private static String inspected;

    private LegacyBatchExecutorRun(String[] args) throws Exception {
        super(args);
    }

    /**
     * Runs KNIME's batch executor with {@code args}; {@code inspectExecuted} looks at the executed workflow before the
     * executor closes it.
     *
     * @return the exit code, then what {@code inspectExecuted} said
     */
    static synchronized Object[] run(String[] args, Function<WorkflowManager, String> inspectExecuted)
        throws Exception {
        inspect = inspectExecuted;
        inspected = null;
        int code = new LegacyBatchExecutorRun(args).runAll();
        return new Object[] {code, inspected};
    }

    @Override
    protected boolean executeWorkflow(WorkflowManager wfm, WorkflowConfiguration config) {
        boolean ok = wfm.executeAllAndWaitUntilDone();
        inspected = inspect.apply(wfm);
        return ok;
    }
}
