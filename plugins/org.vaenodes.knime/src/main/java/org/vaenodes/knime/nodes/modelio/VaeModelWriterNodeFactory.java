package org.vaenodes.knime.nodes.modelio;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the VAE Model Writer node; its description is VaeModelWriterNodeFactory.xml next to this class. */
public final class VaeModelWriterNodeFactory extends NodeFactory<VaeModelWriterNodeModel> {

    @Override
    public VaeModelWriterNodeModel createNodeModel() {
        return new VaeModelWriterNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @SuppressWarnings("removal") // classic API: still how KNIME 5.12 creates Swing views
    @Override
    public NodeView<VaeModelWriterNodeModel> createNodeView(int viewIndex, VaeModelWriterNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("VAE Model Writer has no views, asked for view " + viewIndex);
    }

    @SuppressWarnings("removal")
    @Override
    protected boolean hasDialog() {
        return true;
    }

    @SuppressWarnings("removal")
    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new VaeModelWriterNodeDialog();
    }
}
