package org.knime.core.node;

import org.knime.core.node.AbstractNodeView.ViewableModel;

/** Base of node views (shim); never opens windows. */
public abstract class AbstractNodeView<T extends ViewableModel> {

    private final T m_model;

    protected AbstractNodeView(final T viewableModel) {
        m_model = viewableModel;
        if (viewableModel instanceof NodeModel nm) {
            nm.registerView(this);
        }
    }

    protected AbstractNodeView(final T viewableModel, final boolean allowNullNodeContext) {
        this(viewableModel);
    }

    protected final T getViewableModel() {
        return m_model;
    }

    public NodeLogger getLogger() {
        return NodeLogger.getLogger(getClass());
    }

    protected abstract void modelChanged();

    protected void updateModel(final Object arg) {
    }

    protected abstract void callOpenView(final String title);

    protected abstract void callCloseView();

    /** Marker for models a view can show. */
    public static interface ViewableModel {
    }
}
