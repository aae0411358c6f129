package org.vaenodes.knime.nodes.reader;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the MNIST Reader node; its description is MnistReaderNodeFactory.xml next to this class. */
public final class MnistReaderNodeFactory extends NodeFactory<MnistReaderNodeModel> {

    @Override
    public MnistReaderNodeModel createNodeModel() {
        return new MnistReaderNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @SuppressWarnings("removal") // classic API: still how KNIME 5.12 creates Swing views
    @Override
    public NodeView<MnistReaderNodeModel> createNodeView(int viewIndex, MnistReaderNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("MNIST Reader has no views, asked for view " + viewIndex);
    }

    @SuppressWarnings("removal")
    @Override
    protected boolean hasDialog() {
        return true;
    }

    @SuppressWarnings("removal")
    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new MnistReaderNodeDialog();
    }
}
