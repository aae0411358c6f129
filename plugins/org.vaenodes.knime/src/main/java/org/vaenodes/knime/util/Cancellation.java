package org.vaenodes.knime.util;

import java.util.function.BooleanSupplier;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/** Bridges KNIME's cancel request to the engine, which asks "cancelled?" between batches or chunks. */
public final class Cancellation {

    private Cancellation() {
    }

    /** A question the engine can ask repeatedly: has the user cancelled this node's execution? */
    public static BooleanSupplier of(ExecutionMonitor exec) {
        return () -> {
            try {
                exec.checkCanceled();
                return false;
            } catch (CanceledExecutionException e) {
                return true;
            }
        };
    }
}
