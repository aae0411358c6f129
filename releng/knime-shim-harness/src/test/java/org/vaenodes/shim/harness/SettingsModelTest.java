package org.vaenodes.shim.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

class SettingsModelTest {

    @Test
    void writesValueAndInternals() throws Exception {
        SettingsModelIntegerBounded epochs = new SettingsModelIntegerBounded("epochs", 10, 1, 1000);
        NodeSettings s = new NodeSettings("model");
        epochs.saveSettingsTo(s);
        String xml = NodeHarness.toXml(s);
        assertTrue(xml.contains("<entry key=\"epochs\" type=\"xint\" value=\"10\"/>"), xml);
        assertTrue(xml.contains("<config key=\"epochs_Internals\">"), xml);
        assertTrue(xml.contains("<entry key=\"SettingsModelID\" type=\"xstring\" value=\"SMID_integer\"/>"), xml);
        assertTrue(xml.contains("<entry key=\"EnabledStatus\" type=\"xboolean\" value=\"true\"/>"), xml);
    }

    @Test
    void boundedModelsRejectOutOfRange() throws Exception {
        SettingsModelIntegerBounded epochs = new SettingsModelIntegerBounded("epochs", 10, 1, 1000);
        NodeSettings bad = new NodeSettings("model");
        bad.addInt("epochs", 0);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> epochs.validateSettings(bad));
        assertTrue(e.getMessage().contains("epochs") && e.getMessage().contains("[1...1000]"), e.getMessage());
        assertThrows(InvalidSettingsException.class, () -> epochs.loadSettingsFrom(bad));
        assertEquals(10, epochs.getIntValue());
        assertThrows(IllegalArgumentException.class, () -> epochs.setIntValue(1001));

        SettingsModelDoubleBounded beta = new SettingsModelDoubleBounded("beta", 1.0, 0.0, 10.0);
        NodeSettings nan = new NodeSettings("model");
        nan.addDouble("beta", Double.NaN);
        assertThrows(InvalidSettingsException.class, () -> beta.validateSettings(nan));
        assertThrows(IllegalArgumentException.class, () -> new SettingsModelIntegerBounded("x", 0, 1, 5));
    }

    @Test
    void loadsWithoutInternalsAndNotifiesListeners() throws Exception {
        SettingsModelString s = new SettingsModelString("activation", "relu");
        AtomicInteger changes = new AtomicInteger();
        s.addChangeListener(e -> changes.incrementAndGet());
        NodeSettings in = new NodeSettings("model");
        in.addString("activation", "tanh");
        s.validateSettings(in);
        s.loadSettingsFrom(in);
        assertEquals("tanh", s.getStringValue());
        assertEquals(1, changes.get());
        s.setEnabled(false);
        assertEquals(2, changes.get());
        assertFalse(s.isEnabled());
        assertThrows(InvalidSettingsException.class, () -> s.validateSettings(new NodeSettings("empty")));
    }

    @Test
    void disabledModelRoundtripsItsState() throws Exception {
        SettingsModelBoolean b = new SettingsModelBoolean("cond", true);
        b.setEnabled(false);
        NodeSettings s = new NodeSettings("model");
        b.saveSettingsTo(s);
        NodeSettingsRO back = NodeHarness.fromXml(NodeHarness.toXml(s));
        SettingsModelBoolean c = new SettingsModelBoolean("cond", false);
        c.loadSettingsFrom(back);
        assertTrue(c.getBooleanValue());
        assertFalse(c.isEnabled());
    }
}
