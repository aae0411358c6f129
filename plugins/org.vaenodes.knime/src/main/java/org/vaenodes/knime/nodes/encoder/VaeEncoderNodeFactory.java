package org.vaenodes.knime.nodes.encoder;

import org.vaenodes.knime.util.DialogNodeFactory;

/** Factory of the VAE Encoder node; its description is VaeEncoderNodeFactory.xml next to this class. */
public final class VaeEncoderNodeFactory extends DialogNodeFactory<VaeEncoderNodeModel> {

    public VaeEncoderNodeFactory() {
        super(VaeEncoderNodeModel::new, VaeEncoderSettings::new);
    }
}
