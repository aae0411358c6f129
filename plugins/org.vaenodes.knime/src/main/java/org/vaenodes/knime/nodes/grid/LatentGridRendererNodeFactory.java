package org.vaenodes.knime.nodes.grid;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the Latent Grid Renderer node; its description is LatentGridRendererNodeFactory.xml next to this class. */
public final class LatentGridRendererNodeFactory extends NodeFactory<LatentGridRendererNodeModel> {

    @Override
    public LatentGridRendererNodeModel createNodeModel() {
        return new LatentGridRendererNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @SuppressWarnings("removal") // classic API: still how KNIME 5.12 creates Swing views
    @Override
    public NodeView<LatentGridRendererNodeModel> createNodeView(int viewIndex, LatentGridRendererNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("Latent Grid Renderer has no views, asked for view " + viewIndex);
    }

    @SuppressWarnings("removal")
    @Override
    protected boolean hasDialog() {
        return true;
    }

    @SuppressWarnings("removal")
    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new LatentGridRendererNodeDialog();
    }
}
