package org.knime.core.node;

import java.awt.Component;

/** Swing node view (shim): keeps its component, never shows a frame. */
public abstract class NodeView<T extends NodeModel> extends AbstractNodeView<T> {

    public static final String PROP_CHANGE_CLOSE = "nodeview_close";

    private Component m_component;

    private boolean m_open;

    private String m_title = "";

    protected NodeView(final T nodeModel) {
        super(nodeModel);
    }

    protected T getNodeModel() {
        return getViewableModel();
    }

    protected final void setShowNODATALabel(final boolean showIt) {
        // no "no data" label in the shim
    }

    protected abstract void onClose();

    protected abstract void onOpen();

    @Override
    protected void callOpenView(final String title) {
        m_title = title;
        m_open = true;
        modelChanged();
        onOpen();
    }

    @Override
    public final void callCloseView() {
        m_open = false;
        onClose();
    }

    protected final boolean isOpen() {
        return m_open;
    }

    protected final void setViewTitleSuffix(final String suffix) {
        m_title = m_title + " " + suffix;
    }

    public final String getViewTitle() {
        return m_title;
    }

    protected final Component getComponent() {
        return m_component;
    }

    protected final void setComponent(final Component comp) {
        m_component = comp;
    }
}
