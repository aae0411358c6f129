package org.vaenodes.knime.nodes.encoder;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the VAE Encoder node; its description is VaeEncoderNodeFactory.xml next to this class. */
public final class VaeEncoderNodeFactory extends NodeFactory<VaeEncoderNodeModel> {

    @Override
    public VaeEncoderNodeModel createNodeModel() {
        return new VaeEncoderNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @SuppressWarnings("removal") // classic API: still how KNIME 5.12 creates Swing views
    @Override
    public NodeView<VaeEncoderNodeModel> createNodeView(int viewIndex, VaeEncoderNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("VAE Encoder has no views, asked for view " + viewIndex);
    }

    @SuppressWarnings("removal")
    @Override
    protected boolean hasDialog() {
        return true;
    }

    @SuppressWarnings("removal")
    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new VaeEncoderNodeDialog();
    }
}
