package org.vaenodes.knime.nodes.decoder;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the VAE Decoder/Sampler node; its description is VaeDecoderNodeFactory.xml next to this class. */
public final class VaeDecoderNodeFactory extends NodeFactory<VaeDecoderNodeModel> {

    @Override
    public VaeDecoderNodeModel createNodeModel() {
        return new VaeDecoderNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @SuppressWarnings("removal") // classic API: still how KNIME 5.12 creates Swing views
    @Override
    public NodeView<VaeDecoderNodeModel> createNodeView(int viewIndex, VaeDecoderNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("VAE Decoder/Sampler has no views, asked for view " + viewIndex);
    }

    @SuppressWarnings("removal")
    @Override
    protected boolean hasDialog() {
        return true;
    }

    @SuppressWarnings("removal")
    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new VaeDecoderNodeDialog();
    }
}
