package org.vaenodes.knime.nodes.learner;

import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeView;

/** Factory of the VAE Learner node; its description is VaeLearnerNodeFactory.xml next to this class. */
public final class VaeLearnerNodeFactory extends NodeFactory<VaeLearnerNodeModel> {

    @Override
    public VaeLearnerNodeModel createNodeModel() {
        return new VaeLearnerNodeModel();
    }

    @Override
    protected int getNrNodeViews() {
        return 0;
    }

    @SuppressWarnings("removal") // classic API: still how KNIME 5.12 creates Swing views
    @Override
    public NodeView<VaeLearnerNodeModel> createNodeView(int viewIndex, VaeLearnerNodeModel nodeModel) {
        throw new IndexOutOfBoundsException("VAE Learner has no node views (see the model port's views), asked for "
            + viewIndex);
    }

    @SuppressWarnings("removal")
    @Override
    protected boolean hasDialog() {
        return true;
    }

    @SuppressWarnings("removal")
    @Override
    protected NodeDialogPane createNodeDialogPane() {
        return new VaeLearnerNodeDialog();
    }
}
