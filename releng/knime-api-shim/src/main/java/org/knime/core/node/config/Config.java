package org.knime.core.node.config;

import java.io.IOException;
import java.io.InputStream;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBase;

/** A settings tree with typed sub-configs (shim). */
public abstract class Config extends ConfigBase implements ConfigRO, ConfigWO {

    private static final long serialVersionUID = 1L;

    protected Config(final String key) {
        super(key);
    }

    @Override
    public abstract Config getInstance(final String key);

    @Override
    public final Config addConfig(final String key) {
        return (Config)addConfigBase(key);
    }

    protected final void addConfig(final Config config) {
        addConfigBase(config);
    }

    @Override
    public final Config getConfig(final String key) throws InvalidSettingsException {
        ConfigBase c = getConfigBase(key);
        if (c instanceof Config cfg) {
            return cfg;
        }
        throw new InvalidSettingsException("Entry \"" + key + "\" is not a Config");
    }

    @Override
    public String toString() {
        return super.toString();
    }

    protected static Config loadFromXML(final Config config, final InputStream in) throws IOException {
        return (Config)ConfigBase.loadFromXML(config, in);
    }
}
