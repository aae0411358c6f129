package org.vaenodes.knime.nodes.decoder;

import org.vaenodes.knime.util.DialogNodeFactory;

/** Factory of the VAE Decoder/Sampler node; its description is VaeDecoderNodeFactory.xml next to this class. */
public final class VaeDecoderNodeFactory extends DialogNodeFactory<VaeDecoderNodeModel> {

    public VaeDecoderNodeFactory() {
        super(VaeDecoderNodeModel::new, VaeDecoderSettings::new);
    }
}
