package org.knime.core.node.workflow;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Shim: the node a thread works for, as a per-thread stack. Nodes hand it to their helper threads so that code
 * reading KNIME cells there sees the same node. Signatures as KNIME's; the shim's runner pushes no context, so
 * {@link #getContext()} is null outside a real KNIME.
 */
public final class NodeContext {

    private static final ThreadLocal<Deque<NodeContext>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private NodeContext() {
    }

    /** The current thread's context, or null. */
    public static NodeContext getContext() {
        return STACK.get().peek();
    }

    /** Makes {@code context} the current thread's context until {@link #removeLastContext()}. */
    public static void pushContext(final NodeContext context) {
        STACK.get().push(context);
    }

    /** Ends the context pushed last on this thread. */
    public static void removeLastContext() {
        STACK.get().pop();
    }
}
