package org.knime.core.node;

import org.knime.core.node.config.ConfigRO;
import org.knime.core.node.config.ConfigWO;

/** Read-only node settings (shim). */
public interface NodeSettingsRO extends ConfigRO {

    NodeSettingsRO getNodeSettings(String key) throws InvalidSettingsException;

    public void copyTo(final ConfigWO dest);
}
