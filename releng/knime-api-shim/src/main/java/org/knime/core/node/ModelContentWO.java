package org.knime.core.node;

import org.knime.core.node.config.ConfigWO;

/** Write-only model content (shim). */
public interface ModelContentWO extends ConfigWO {

    ModelContentWO addModelContent(String key);

    void addModelContent(ModelContent modelContent);
}
