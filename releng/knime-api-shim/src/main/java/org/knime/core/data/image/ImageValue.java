package org.knime.core.data.image;

import org.knime.core.data.DataValue;

/** Value of image cells (shim). */
public interface ImageValue extends DataValue {

    public ImageContent getImageContent();

    public String getImageExtension();
}
