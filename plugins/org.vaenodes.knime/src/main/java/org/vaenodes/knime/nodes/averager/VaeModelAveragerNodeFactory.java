package org.vaenodes.knime.nodes.averager;

import org.vaenodes.knime.util.DialogNodeFactory;

/** Factory of the VAE Model Averager node; its description is VaeModelAveragerNodeFactory.xml next to this class. */
public final class VaeModelAveragerNodeFactory extends DialogNodeFactory<VaeModelAveragerNodeModel> {

    public VaeModelAveragerNodeFactory() {
        super(VaeModelAveragerNodeModel::new, VaeModelAveragerSettings::new);
    }
}
