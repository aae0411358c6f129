package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;

import org.knime.core.node.config.Config;

/** Settings tree used to store model content (shim). */
public final class ModelContent extends Config implements ModelContentRO, ModelContentWO {

    private static final long serialVersionUID = 1L;

    public ModelContent(final String key) {
        super(key);
    }

    @Override
    public Config getInstance(final String key) {
        return new ModelContent(key);
    }

    public static synchronized ModelContentRO loadFromXML(final InputStream in) throws IOException {
        return (ModelContent)Config.loadFromXML(new ModelContent("ignored"), in);
    }

    @Override
    public void addModelContent(final ModelContent modelContent) {
        addConfig(modelContent);
    }

    @Override
    public ModelContentWO addModelContent(final String key) {
        return (ModelContent)addConfig(key);
    }

    @Override
    public ModelContent getModelContent(final String key) throws InvalidSettingsException {
        Config c = getConfig(key);
        if (c instanceof ModelContent m) {
            return m;
        }
        throw new InvalidSettingsException("Entry \"" + key + "\" is not a ModelContent object");
    }
}
