package org.vaenodes.knime.nodes.modelio;

import org.vaenodes.knime.util.DialogNodeFactory;

/** Factory of the VAE Model Reader node; its description is VaeModelReaderNodeFactory.xml next to this class. */
public final class VaeModelReaderNodeFactory extends DialogNodeFactory<VaeModelReaderNodeModel> {

    public VaeModelReaderNodeFactory() {
        super(VaeModelReaderNodeModel::new, VaeModelReaderSettings::new);
    }
}
