package org.vaenodes.knime.util;

import java.util.function.Supplier;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeView;

/**
 * The factory of a node with a settings dialog and no node views, which is what every VAE node is: a concrete
 * factory only says how to make its model and its settings; the dialog is made from the settings' declarations
 * ({@link SettingsDialog}). KNIME finds the node description as the XML file named after the concrete factory class,
 * next to it.
 *
 * @param <M> the node model
 */
public abstract class DialogNodeFactory<M extends NodeModel> extends NodeFactory<M> {

    private final Supplier<M> model;
    private final Supplier<? extends NodeSettingsGroup> settings;

    protected DialogNodeFactory(Supplier<M> model, Supplier<? extends NodeSettingsGroup> settings) {
        this.model = model;
        this.settings = settings;
    }

    /** A new instance of the node's settings at their defaults (what its dialog edits). */
    public final NodeSettingsGroup newSettings() {
        return settings.get();
    }

    @Override
    public final M createNodeModel() {
        return model.get();
    }

    @Override
    protected final int getNrNodeViews() {
        return 0;
    }

    @SuppressWarnings("removal") // classic API: still how KNIME 5.12 creates Swing views
    @Override
    public final NodeView<M> createNodeView(int viewIndex, M nodeModel) {
        throw new IndexOutOfBoundsException(getClass().getSimpleName() + " makes a node without views; asked for view "
            + viewIndex);
    }

    @SuppressWarnings("removal")
    @Override
    protected final boolean hasDialog() {
        return true;
    }

    @SuppressWarnings("removal")
    @Override
    protected final NodeDialogPane createNodeDialogPane() {
        return new SettingsDialog(settings.get());
    }
}
