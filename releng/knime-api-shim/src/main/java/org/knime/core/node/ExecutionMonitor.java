package org.knime.core.node;

import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Progress and cancellation (shim). A tree of monitors: a sub-monitor owns a share of its parent's progress range;
 * the root reports (progress, message) to an optional listener and asks a supplier whether execution was cancelled.
 * A message given as a supplier is evaluated only when the message is read (as KNIME documents for
 * {@code setProgress(double, Supplier)}): nodes may report progress per batch without building strings per batch.
 */
public class ExecutionMonitor {

    private final ExecutionMonitor m_parent;

    private final double m_share;

    private final boolean m_silent;

    private final boolean m_cancelable;

    /** Root only: cancellation request and listener. */
    private final BooleanSupplier m_cancelled;

    private final BiConsumer<Double, String> m_listener;

    private double m_progress;

    /** The latest message, unevaluated; null if none was set. */
    private Supplier<String> m_message;

    public ExecutionMonitor() {
        this(() -> false, null);
    }

    /** A root monitor. */
    ExecutionMonitor(final BooleanSupplier cancelled, final BiConsumer<Double, String> listener) {
        m_parent = null;
        m_share = 1;
        m_silent = false;
        m_cancelable = true;
        m_cancelled = cancelled == null ? () -> false : cancelled;
        m_listener = listener;
    }

    /** A sub monitor of parent owning share of its range. */
    ExecutionMonitor(final ExecutionMonitor parent, final double share, final boolean silent,
        final boolean cancelable) {
        if (share < 0 || share > 1 || Double.isNaN(share)) {
            throw new IllegalArgumentException("Sub progress share must be in [0,1]: " + share);
        }
        m_parent = parent;
        m_share = share;
        m_silent = silent;
        m_cancelable = cancelable && parent.m_cancelable;
        m_cancelled = null;
        m_listener = null;
    }

    final ExecutionMonitor root() {
        ExecutionMonitor m = this;
        while (m.m_parent != null) {
            m = m.m_parent;
        }
        return m;
    }

    /** Current progress of this monitor in [0,1]. */
    final synchronized double progressValue() {
        return m_progress;
    }

    final String messageValue() {
        Supplier<String> m;
        synchronized (this) {
            m = m_message;
        }
        return m == null ? null : m.get();
    }

    public void checkCanceled() throws CanceledExecutionException {
        if (m_cancelable && root().m_cancelled.getAsBoolean()) {
            throw new CanceledExecutionException();
        }
    }

    public void setProgress(final double progress) {
        update(progress, null, false);
    }

    public void setProgress(final double progress, final String message) {
        update(progress, () -> message, true);
    }

    public void setProgress(final double progress, final Supplier<String> messageSupplier) {
        update(progress, messageSupplier == null ? () -> null : messageSupplier, true);
    }

    public void setMessage(final String message) {
        update(Double.NaN, () -> message, true);
    }

    public void setMessage(final Supplier<String> messageSupplier) {
        update(Double.NaN, messageSupplier == null ? () -> null : messageSupplier, true);
    }

    public void setProgress(final String message) {
        setMessage(message);
    }

    /** progress NaN = unchanged. */
    private void update(final double progress, final Supplier<String> message, final boolean hasMessage) {
        double delta = 0;
        synchronized (this) {
            if (!Double.isNaN(progress)) {
                double p = Math.max(0, Math.min(1, progress));
                delta = p - m_progress;
                m_progress = p;
            }
            if (hasMessage) {
                m_message = message;
            }
        }
        if (m_parent != null) {
            m_parent.childChanged(delta * m_share, hasMessage && !m_silent, message);
        } else {
            fire();
        }
    }

    private void childChanged(final double delta, final boolean hasMessage, final Supplier<String> message) {
        synchronized (this) {
            m_progress = Math.max(0, Math.min(1, m_progress + delta));
            if (hasMessage) {
                m_message = message;
            }
        }
        if (m_parent != null) {
            m_parent.childChanged(delta * m_share, hasMessage && !m_silent, message);
        } else {
            fire();
        }
    }

    private void fire() {
        if (m_listener != null) {
            m_listener.accept(progressValue(), messageValue());
        }
    }

    public ExecutionMonitor createSubProgress(final double maxProg) {
        return new ExecutionMonitor(this, maxProg, false, true);
    }

    public ExecutionMonitor createSilentSubProgress(final double maxProg) {
        return new ExecutionMonitor(this, maxProg, true, true);
    }
}
