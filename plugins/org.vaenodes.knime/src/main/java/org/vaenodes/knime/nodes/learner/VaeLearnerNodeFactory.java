package org.vaenodes.knime.nodes.learner;

import org.vaenodes.knime.util.DialogNodeFactory;

/** Factory of the VAE Learner node; its description is VaeLearnerNodeFactory.xml next to this class. */
public final class VaeLearnerNodeFactory extends DialogNodeFactory<VaeLearnerNodeModel> {

    public VaeLearnerNodeFactory() {
        super(VaeLearnerNodeModel::new, VaeLearnerSettings::new);
    }
}
