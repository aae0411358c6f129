package org.vaenodes.knime.nodes.grid;

import org.vaenodes.knime.util.DialogNodeFactory;

/** Factory of the Latent Grid Renderer node; its description is LatentGridRendererNodeFactory.xml next to this class. */
public final class LatentGridRendererNodeFactory extends DialogNodeFactory<LatentGridRendererNodeModel> {

    public LatentGridRendererNodeFactory() {
        super(LatentGridRendererNodeModel::new, LatentGridSettings::new);
    }
}
