package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;

import org.knime.core.node.config.Config;
import org.knime.core.node.config.ConfigWO;
import org.knime.core.node.config.base.ConfigBase;

/** Concrete settings tree used for node settings (shim). */
public final class NodeSettings extends Config implements NodeSettingsRO, NodeSettingsWO {

    private static final long serialVersionUID = 1L;

    public NodeSettings(final String key) {
        super(key);
    }

    @Override
    public Config getInstance(final String key) {
        return new NodeSettings(key);
    }

    public static NodeSettingsRO loadFromXML(final InputStream in) throws IOException {
        return (NodeSettings)Config.loadFromXML(new NodeSettings("ignored"), in);
    }

    @Override
    public void copyTo(final ConfigWO dest) {
        super.copyTo(dest);
    }

    @Override
    public NodeSettingsWO addNodeSettings(final String key) {
        return (NodeSettings)addConfig(key);
    }

    @Override
    public void addNodeSettings(final NodeSettings settings) {
        addConfig(settings);
    }

    @Override
    public NodeSettings getNodeSettings(final String key) throws InvalidSettingsException {
        ConfigBase c = getConfig(key);
        if (c instanceof NodeSettings s) {
            return s;
        }
        throw new InvalidSettingsException("Entry \"" + key + "\" is not a NodeSettings object");
    }
}
