package org.vaenodes.shim.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.collection.CollectionDataValue;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnFilter2;
import org.knime.core.node.defaultnodesettings.SettingsModelColumnFilter2;
import org.knime.core.node.defaultnodesettings.SettingsModelLongBounded;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.util.filter.NameFilterConfiguration.FilterResult;

class ColumnFilterTest {

    private static final DataType LIST_OF_DOUBLE = ListCell.getCollectionType(DoubleCell.TYPE);

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    static DataTableSpec spec(final String... extra) {
        String[] names = {"x", "n", "s", "v", "l"};
        DataType[] types = {DoubleCell.TYPE, IntCell.TYPE, StringCell.TYPE, LIST_OF_DOUBLE, LongCell.TYPE};
        if (extra.length > 0) {
            String[] n2 = new String[names.length + extra.length];
            DataType[] t2 = new DataType[n2.length];
            System.arraycopy(names, 0, n2, 0, names.length);
            System.arraycopy(types, 0, t2, 0, types.length);
            for (int i = 0; i < extra.length; i++) {
                n2[names.length + i] = extra[i];
                t2[names.length + i] = DoubleCell.TYPE;
            }
            names = n2;
            types = t2;
        }
        return new DataTableSpec(names, types);
    }

    /** A column filter config as KNIME 5.x writes it into settings.xml (key order and entry types included). */
    private static String knimeXml(final String filterType, final String enforce, final String[] incl,
        final String[] excl, final String pattern, final String typelist) {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append("<config xmlns=\"http://www.knime.org/2008/09/XMLConfig\" ")
            .append("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
            .append("xsi:schemaLocation=\"http://www.knime.org/2008/09/XMLConfig ")
            .append("http://www.knime.org/XMLConfig_2008_09.xsd\" key=\"model\">\n")
            .append("<config key=\"cols_Internals\">\n")
            .append("<entry key=\"SettingsModelID\" type=\"xstring\" value=\"SMID_columnfilter\"/>\n")
            .append("<entry key=\"EnabledStatus\" type=\"xboolean\" value=\"true\"/>\n")
            .append("</config>\n")
            .append("<config key=\"cols\">\n")
            .append("<entry key=\"filter-type\" type=\"xstring\" value=\"").append(filterType).append("\"/>\n");
        array(b, "included_names", incl);
        array(b, "excluded_names", excl);
        b.append("<entry key=\"enforce_option\" type=\"xstring\" value=\"").append(enforce).append("\"/>\n")
            .append("<config key=\"name_pattern\">\n")
            .append("<entry key=\"pattern\" type=\"xstring\" value=\"").append(pattern).append("\"/>\n")
            .append("<entry key=\"type\" type=\"xstring\" value=\"Wildcard\"/>\n")
            .append("<entry key=\"caseSensitive\" type=\"xboolean\" value=\"true\"/>\n")
            .append("<entry key=\"excludeMatching\" type=\"xboolean\" value=\"false\"/>\n")
            .append("</config>\n")
            .append("<config key=\"datatype\">\n<config key=\"typelist\">\n").append(typelist)
            .append("</config>\n</config>\n")
            .append("</config>\n")
            .append("</config>\n");
        return b.toString();
    }

    private static void array(final StringBuilder b, final String key, final String[] values) {
        b.append("<config key=\"").append(key).append("\">\n")
            .append("<entry key=\"array-size\" type=\"xint\" value=\"").append(values.length).append("\"/>\n");
        for (int i = 0; i < values.length; i++) {
            b.append("<entry key=\"").append(i).append("\" type=\"xstring\" value=\"").append(values[i])
                .append("\"/>\n");
        }
        b.append("</config>\n");
    }

    @Test
    void dataTypeCompatibility() {
        assertTrue(IntCell.TYPE.isCompatible(DoubleValue.class), "IntCell is a DoubleValue");
        assertTrue(LongCell.TYPE.isCompatible(DoubleValue.class));
        assertFalse(StringCell.TYPE.isCompatible(DoubleValue.class));
        assertTrue(LIST_OF_DOUBLE.isCompatible(ListDataValue.class));
        assertTrue(LIST_OF_DOUBLE.isCompatible(CollectionDataValue.class));
        assertFalse(LIST_OF_DOUBLE.isCompatible(DoubleValue.class), "a list of doubles is no double");
        assertFalse(DoubleCell.TYPE.isCompatible(ListDataValue.class));
        assertTrue(DataType.getMissingCell().getType().isCompatible(DoubleValue.class));
        assertEquals(IntValue.class, IntCell.TYPE.getPreferredValueClass());
        assertEquals(StringValue.class, StringCell.TYPE.getPreferredValueClass());
        assertEquals(ListDataValue.class, LIST_OF_DOUBLE.getPreferredValueClass());
    }

    @Test
    void defaultsIncludeNumericColumnsOnly() {
        SettingsModelColumnFilter2 m = new SettingsModelColumnFilter2("cols", DoubleValue.class);
        m.loadDefaults(spec());
        FilterResult r = m.applyTo(spec());
        assertArrayEquals(new String[]{"x", "n", "l"}, r.getIncludes());
        assertArrayEquals(new String[0], r.getExcludes(), "string and list columns are not offered at all");
        // EnforceExclusion: a numeric column appearing later is included, a string one never
        FilterResult r2 = m.applyTo(spec("z"));
        assertArrayEquals(new String[]{"x", "n", "l", "z"}, r2.getIncludes());
    }

    @Test
    void saveXmlLoadRoundtripInKnimeLayout() throws Exception {
        SettingsModelColumnFilter2 m = new SettingsModelColumnFilter2("cols", DoubleValue.class);
        m.loadDefaults(spec());
        NodeSettings s = new NodeSettings("model");
        m.saveSettingsTo(s);
        String xml = NodeHarness.toXml(s);
        assertTrue(xml.contains("<config key=\"cols\">"), xml);
        assertTrue(xml.contains("<entry key=\"filter-type\" type=\"xstring\" value=\"STANDARD\"/>"), xml);
        assertTrue(xml.contains("<config key=\"included_names\">"), xml);
        assertTrue(xml.contains("<config key=\"excluded_names\">"), xml);
        assertTrue(xml.contains("<entry key=\"enforce_option\" type=\"xstring\" value=\"EnforceExclusion\"/>"), xml);
        assertTrue(xml.contains("<config key=\"name_pattern\">"), xml);
        assertTrue(xml.contains("<config key=\"typelist\">"), xml);
        assertTrue(xml.contains("<entry key=\"org.knime.core.data.DoubleValue\" type=\"xboolean\" value=\"false\"/>"),
            xml);
        assertTrue(xml.contains("<entry key=\"SettingsModelID\" type=\"xstring\" value=\"SMID_columnfilter\"/>"), xml);

        NodeSettingsRO back = NodeHarness.fromXml(xml);
        SettingsModelColumnFilter2 fresh = new SettingsModelColumnFilter2("cols", DoubleValue.class);
        fresh.validateSettings(back);
        fresh.loadSettingsFrom(back);
        assertArrayEquals(m.applyTo(spec()).getIncludes(), fresh.applyTo(spec()).getIncludes());
        NodeSettings again = new NodeSettings("model");
        fresh.saveSettingsTo(again);
        assertEquals(xml, NodeHarness.toXml(again));
    }

    @Test
    void loadsSettingsWrittenByKnime() throws Exception {
        // exclusion list, enforce exclusion: everything numeric but "n"; "gone" is remembered
        String xml = knimeXml("STANDARD", "EnforceExclusion", new String[]{"x", "l"}, new String[]{"n", "gone"}, "",
            "<entry key=\"org.knime.core.data.DoubleValue\" type=\"xboolean\" value=\"false\"/>\n");
        SettingsModelColumnFilter2 m = new SettingsModelColumnFilter2("cols", DoubleValue.class);
        NodeSettingsRO s = NodeHarness.fromXml(xml);
        m.validateSettings(s);
        m.loadSettingsFrom(s);
        FilterResult r = m.applyTo(spec("z"));
        assertArrayEquals(new String[]{"x", "l", "z"}, r.getIncludes());
        assertArrayEquals(new String[]{"n"}, r.getExcludes());
        assertArrayEquals(new String[]{"gone"}, r.getRemovedFromExcludes());
        NodeSettings out = new NodeSettings("model");
        m.saveSettingsTo(out);
        assertEquals(NodeHarness.toXml((NodeSettings)s), NodeHarness.toXml(out), "written back unchanged");

        // inclusion list, enforce inclusion: only "x"; new columns stay out
        String incl = knimeXml("STANDARD", "EnforceInclusion", new String[]{"x", "gone"}, new String[]{"n"}, "", "");
        m.loadSettingsFrom(NodeHarness.fromXml(incl));
        FilterResult r2 = m.applyTo(spec("z"));
        assertArrayEquals(new String[]{"x"}, r2.getIncludes());
        assertArrayEquals(new String[]{"n", "l", "z"}, r2.getExcludes());
        assertArrayEquals(new String[]{"gone"}, r2.getRemovedFromIncludes());
    }

    @Test
    void patternAndTypeModes() throws Exception {
        SettingsModelColumnFilter2 m = new SettingsModelColumnFilter2("cols", DoubleValue.class);
        m.loadSettingsFrom(NodeHarness.fromXml(
            knimeXml("name_pattern", "EnforceExclusion", new String[0], new String[0], "?", "")));
        assertArrayEquals(new String[]{"x", "n", "l"}, m.applyTo(spec("zz")).getIncludes());
        m.loadSettingsFrom(NodeHarness.fromXml(
            knimeXml("name_pattern", "EnforceExclusion", new String[0], new String[0], "z*", "")));
        assertArrayEquals(new String[]{"zz"}, m.applyTo(spec("zz")).getIncludes());

        // type selection is only accepted by a model with the type filter enabled
        String byType = knimeXml("datatype", "EnforceExclusion", new String[0], new String[0], "",
            "<entry key=\"org.knime.core.data.IntValue\" type=\"xboolean\" value=\"true\"/>\n"
                + "<entry key=\"org.knime.core.data.DoubleValue\" type=\"xboolean\" value=\"false\"/>\n");
        assertThrows(InvalidSettingsException.class, () -> m.validateSettings(NodeHarness.fromXml(byType)));
        SettingsModelColumnFilter2 any = new SettingsModelColumnFilter2("cols");
        any.loadSettingsFrom(NodeHarness.fromXml(byType));
        FilterResult r = any.applyTo(spec());
        assertArrayEquals(new String[]{"n"}, r.getIncludes());
        assertArrayEquals(new String[]{"x", "s", "v", "l"}, r.getExcludes());
    }

    @Test
    void rejectsBrokenSettings() throws Exception {
        SettingsModelColumnFilter2 m = new SettingsModelColumnFilter2("cols", DoubleValue.class);
        String bad = knimeXml("STANDARD", "EnforceSomething", new String[0], new String[0], "", "");
        assertThrows(InvalidSettingsException.class, () -> m.validateSettings(NodeHarness.fromXml(bad)));
        assertThrows(InvalidSettingsException.class, () -> m.validateSettings(new NodeSettings("model")));
        String badType = knimeXml("FANCY", "EnforceExclusion", new String[0], new String[0], "", "");
        assertThrows(InvalidSettingsException.class, () -> m.loadSettingsFrom(NodeHarness.fromXml(badType)));
    }

    /** Dialog with one column filter on port 0. */
    static final class FilterDialog extends DefaultNodeSettingsPane {
        final SettingsModelColumnFilter2 m_model = new SettingsModelColumnFilter2("cols", DoubleValue.class);

        final DialogComponentColumnFilter2 m_comp = new DialogComponentColumnFilter2(m_model, 0);

        FilterDialog() {
            m_comp.setIncludeTitle("Features");
            m_comp.setExcludeTitle("Ignored");
            addDialogComponent(m_comp);
        }

        void press(final String text) {
            press(m_comp.getComponentPanel(), text);
        }

        private static void press(final java.awt.Container c, final String text) {
            for (java.awt.Component child : c.getComponents()) {
                if (child instanceof javax.swing.JButton b && text.equals(b.getText())) {
                    b.doClick();
                } else if (child instanceof java.awt.Container sub) {
                    press(sub, text);
                }
            }
        }
    }

    @Test
    void dialogRoundtrip() throws Exception {
        String xml = knimeXml("STANDARD", "EnforceExclusion", new String[]{"x", "l"}, new String[]{"n", "gone"}, "",
            "");
        FilterDialog d = new FilterDialog();
        ShimAccess.loadDialogSettings(d, NodeHarness.fromXml(xml), new PortObjectSpec[]{spec("z")});
        NodeSettings saved = new NodeSettings("model");
        ShimAccess.saveDialogSettings(d, saved);
        SettingsModelColumnFilter2 m = new SettingsModelColumnFilter2("cols", DoubleValue.class);
        m.loadSettingsFrom(saved);
        FilterResult r = m.applyTo(spec("z"));
        assertArrayEquals(new String[]{"x", "l", "z"}, r.getIncludes());
        assertArrayEquals(new String[]{"n"}, r.getExcludes());
        assertArrayEquals(new String[]{"n", "gone"}, saved.getNodeSettings("cols").getStringArray("excluded_names"),
            "removed excluded names are kept with EnforceExclusion");

        // moving every column to the exclude list
        d.press("<<");
        NodeSettings none = new NodeSettings("model");
        ShimAccess.saveDialogSettings(d, none);
        m.loadSettingsFrom(none);
        assertArrayEquals(new String[0], m.applyTo(spec("z")).getIncludes());
        assertArrayEquals(new String[]{"x", "n", "l", "z"}, m.applyTo(spec("z")).getExcludes());
        d.press(">>");
        NodeSettings all = new NodeSettings("model");
        ShimAccess.saveDialogSettings(d, all);
        m.loadSettingsFrom(all);
        assertArrayEquals(new String[]{"x", "n", "l", "z"}, m.applyTo(spec("z")).getIncludes());

        // no spec (unconnected port) and no settings: an empty filter, no error
        FilterDialog empty = new FilterDialog();
        ShimAccess.loadDialogSettings(empty, new NodeSettings("model"), new PortObjectSpec[]{null});
        NodeSettings s2 = new NodeSettings("model");
        ShimAccess.saveDialogSettings(empty, s2);
        assertEquals("STANDARD", s2.getNodeSettings("cols").getString("filter-type"));
    }

    @Test
    void longBounded() throws Exception {
        SettingsModelLongBounded seed = new SettingsModelLongBounded("seed", 5L, 0L, Long.MAX_VALUE);
        assertThrows(IllegalArgumentException.class, () -> seed.setLongValue(-1));
        NodeSettings bad = new NodeSettings("model");
        bad.addLong("seed", -2);
        assertThrows(InvalidSettingsException.class, () -> seed.validateSettings(bad));
        NodeSettings ok = new NodeSettings("model");
        ok.addLong("seed", 1234567890123L);
        seed.loadSettingsFrom(ok);
        assertEquals(1234567890123L, seed.getLongValue());
    }
}
