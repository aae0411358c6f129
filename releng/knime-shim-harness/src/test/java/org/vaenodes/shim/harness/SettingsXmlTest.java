package org.vaenodes.shim.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;

class SettingsXmlTest {

    private static NodeSettings sample() {
        NodeSettings s = new NodeSettings("settings.xml");
        s.addInt("epochs", 10);
        s.addLong("seed", 1234567890123L);
        s.addDouble("lr", 0.001);
        s.addFloat("beta", 0.1f);
        s.addBoolean("cuda", false);
        s.addString("name", "a&b <c> \"d\" 100%% tab\there\nline");
        s.addString("nothing", null);
        s.addChar("sep", ';');
        s.addShort("short", (short)-3);
        s.addByte("byte", (byte)7);
        s.addStringArray("labels", "zero", null, "two");
        s.addIntArray("hidden", 512, 256);
        s.addDoubleArray("range", -3.0, 3.0);
        s.addIntArray("nullArray", (int[])null);
        NodeSettingsWO model = s.addNodeSettings("model");
        model.addInt("latent", 2);
        model.addNodeSettings("deeper").addString("x", "y");
        return s;
    }

    @Test
    void writesKnimeXmlConfigFormat() throws Exception {
        String xml = NodeHarness.toXml(sample());
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), xml);
        assertTrue(xml.contains("<config xmlns=\"http://www.knime.org/2008/09/XMLConfig\""), xml);
        assertTrue(xml.contains("key=\"settings.xml\">"), xml);
        assertTrue(xml.contains("<entry key=\"epochs\" type=\"xint\" value=\"10\"/>"), xml);
        assertTrue(xml.contains("<entry key=\"beta\" type=\"xfloat\" value=\"0.10000000149011612\"/>"), xml);
        assertTrue(xml.contains("<entry key=\"nothing\" type=\"xstring\" isnull=\"true\" value=\"\"/>"), xml);
        assertTrue(xml.contains("<config key=\"hidden\">"), xml);
        assertTrue(xml.contains("<entry key=\"array-size\" type=\"xint\" value=\"2\"/>"), xml);
        assertTrue(xml.contains("<entry key=\"0\" type=\"xint\" value=\"512\"/>"), xml);
        assertTrue(xml.contains("%%00009"), "tab escaped as KNIME does: " + xml);
    }

    @Test
    void xmlRoundtripKeepsEverything() throws Exception {
        NodeSettings original = sample();
        NodeSettingsRO s = NodeHarness.fromXml(NodeHarness.toXml(original));
        assertEquals("settings.xml", s.getKey());
        assertEquals(10, s.getInt("epochs"));
        assertEquals(1234567890123L, s.getLong("seed"));
        assertEquals(0.001, s.getDouble("lr"));
        assertEquals(0.1f, s.getFloat("beta"));
        assertEquals(false, s.getBoolean("cuda"));
        assertEquals("a&b <c> \"d\" 100%% tab\there\nline", s.getString("name"));
        assertNull(s.getString("nothing"));
        assertEquals(';', s.getChar("sep"));
        assertEquals((short)-3, s.getShort("short"));
        assertEquals((byte)7, s.getByte("byte"));
        assertArrayEquals(new String[]{"zero", null, "two"}, s.getStringArray("labels"));
        assertArrayEquals(new int[]{512, 256}, s.getIntArray("hidden"));
        assertArrayEquals(new double[]{-3.0, 3.0}, s.getDoubleArray("range"));
        assertNull(s.getIntArray("nullArray"));
        NodeSettingsRO model = s.getNodeSettings("model");
        assertEquals(2, model.getInt("latent"));
        assertEquals("y", model.getNodeSettings("deeper").getString("x"));
        assertEquals(original, s, "settings trees are equal after the roundtrip");
        List<String> keys = new ArrayList<>();
        s.forEach(keys::add);
        assertEquals(List.of("epochs", "seed", "lr", "beta", "cuda", "name", "nothing", "sep", "short", "byte",
            "labels", "hidden", "range", "nullArray", "model"), keys);
    }

    @Test
    void missingOrMistypedKeysAreNamed() {
        NodeSettings s = sample();
        InvalidSettingsException missing = assertThrows(InvalidSettingsException.class, () -> s.getInt("nope"));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        InvalidSettingsException wrong = assertThrows(InvalidSettingsException.class, () -> s.getInt("name"));
        assertTrue(wrong.getMessage().contains("name"), wrong.getMessage());
        assertEquals(5, s.getInt("nope", 5));
        assertEquals(7, s.getInt("name", 7), "default on wrong type");
        assertThrows(InvalidSettingsException.class, () -> s.getNodeSettings("epochs"));
    }

    @Test
    void rejectsUnknownEntryTypes() {
        String xml = "<config xmlns=\"http://www.knime.org/2008/09/XMLConfig\" key=\"k\">"
            + "<entry key=\"a\" type=\"xweird\" value=\"1\"/></config>";
        assertThrows(java.io.IOException.class, () -> NodeHarness.fromXml(xml));
    }
}
