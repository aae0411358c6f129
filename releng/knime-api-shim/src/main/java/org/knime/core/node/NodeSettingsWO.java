package org.knime.core.node;

import org.knime.core.node.config.ConfigWO;

/** Write-only node settings (shim). */
public interface NodeSettingsWO extends ConfigWO {

    NodeSettingsWO addNodeSettings(String key);

    void addNodeSettings(NodeSettings settings);
}
