package org.vaenodes.knime.nodes.modelio;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the VAE Model Reader node; its description is VaeModelReaderNodeFactory.xml next to this class. */
public final class VaeModelReaderNodeFactory extends NodeFactory<VaeModelReaderNodeModel> {

    @Override
    public VaeModelReaderNodeModel createNodeModel() {
        return new VaeModelReaderNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @SuppressWarnings("removal") // classic API: still how KNIME 5.12 creates Swing views
    @Override
    public NodeView<VaeModelReaderNodeModel> createNodeView(int viewIndex, VaeModelReaderNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("VAE Model Reader has no views, asked for view " + viewIndex);
    }

    @SuppressWarnings("removal")
    @Override
    protected boolean hasDialog() {
        return true;
    }

    @SuppressWarnings("removal")
    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new VaeModelReaderNodeDialog();
    }
}
