package org.vaenodes.knime.nodes.reader;

import java.util.function.Predicate;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;

/** For tests: the MNIST Reader's settings as a workflow saved before some settings existed holds them. */
final class OlderSettings {

    private OlderSettings() {
    }

    /** A copy of {@code current} without the keys {@code laterAdded} accepts (sub-configs, ints, booleans, strings). */
    static NodeSettings without(NodeSettings current, Predicate<String> laterAdded) throws InvalidSettingsException {
        NodeSettings old = new NodeSettings("model");
        for (String key : current) {
            if (!laterAdded.test(key)) {
                copy(current, old, key);
            }
        }
        return old;
    }

    private static void copy(NodeSettings from, NodeSettings to, String key) throws InvalidSettingsException {
        try {
            from.getNodeSettings(key).copyTo(to.addNodeSettings(key));
        } catch (InvalidSettingsException notAConfig) {
            try {
                to.addInt(key, from.getInt(key));
            } catch (InvalidSettingsException notInt) {
                try {
                    to.addBoolean(key, from.getBoolean(key));
                } catch (InvalidSettingsException notBoolean) {
                    to.addString(key, from.getString(key));
                }
            }
        }
    }
}
