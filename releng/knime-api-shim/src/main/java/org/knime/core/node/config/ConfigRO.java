package org.knime.core.node.config;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBaseRO;

/** Read access to a config tree whose sub-trees are {@link Config}s (shim). */
public interface ConfigRO extends ConfigBaseRO, Iterable<String> {

    public Config getConfig(String key) throws InvalidSettingsException;
}
