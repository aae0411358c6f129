package org.knime.core.node;

import org.knime.core.node.config.ConfigRO;

/** Read-only model content (shim). */
public interface ModelContentRO extends ConfigRO {

    ModelContentRO getModelContent(String key) throws InvalidSettingsException;
}
