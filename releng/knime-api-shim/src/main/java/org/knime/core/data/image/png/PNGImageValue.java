package org.knime.core.data.image.png;

import org.knime.core.data.image.ImageValue;

/** Value of PNG image cells (shim). */
public interface PNGImageValue extends ImageValue {

    @Override
    public PNGImageContent getImageContent();
}
