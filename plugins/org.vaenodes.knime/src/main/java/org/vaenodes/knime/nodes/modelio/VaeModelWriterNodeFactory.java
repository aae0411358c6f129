package org.vaenodes.knime.nodes.modelio;

import org.vaenodes.knime.util.DialogNodeFactory;

/** Factory of the VAE Model Writer node; its description is VaeModelWriterNodeFactory.xml next to this class. */
public final class VaeModelWriterNodeFactory extends DialogNodeFactory<VaeModelWriterNodeModel> {

    public VaeModelWriterNodeFactory() {
        super(VaeModelWriterNodeModel::new, VaeModelWriterSettings::new);
    }
}
