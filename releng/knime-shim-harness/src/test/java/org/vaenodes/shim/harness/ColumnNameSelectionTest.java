package org.vaenodes.shim.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.defaultnodesettings.DialogComponentColumnNameSelection;
import org.knime.core.node.defaultnodesettings.SettingsModelColumnName;
import org.knime.core.node.defaultnodesettings.SettingsModelString;
import org.knime.core.node.port.PortObjectSpec;

class ColumnNameSelectionTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static final DataTableSpec MIXED = new DataTableSpec(new String[]{"s", "x", "n", "v"},
        new DataType[]{StringCell.TYPE, DoubleCell.TYPE, IntCell.TYPE, ListCell.getCollectionType(DoubleCell.TYPE)});

    private static final DataTableSpec STRINGS_ONLY =
        new DataTableSpec(new String[]{"a", "b"}, new DataType[]{StringCell.TYPE, StringCell.TYPE});

    /** Dialog with one column selection on port 0. */
    static final class Dialog extends DefaultNodeSettingsPane {
        final DialogComponentColumnNameSelection m_comp;

        @SuppressWarnings("unchecked")
        Dialog(final SettingsModelString model, final boolean required, final boolean none,
            final Class<? extends org.knime.core.data.DataValue> type) {
            m_comp = new DialogComponentColumnNameSelection(model, "Column", 0, required, none, type);
            addDialogComponent(m_comp);
        }
    }

    private static NodeSettings save(final DefaultNodeSettingsPane d) throws Exception {
        NodeSettings s = new NodeSettings("model");
        ShimAccess.saveDialogSettings(d, s);
        return s;
    }

    private static NodeSettings stringSetting(final String value) {
        NodeSettings s = new NodeSettings("model");
        new SettingsModelString("col", value).saveSettingsTo(s);
        return s;
    }

    @Test
    void offersCompatibleColumnsAndKeepsSelection() throws Exception {
        Dialog d = new Dialog(new SettingsModelString("col", null), true, false, DoubleValue.class);
        ShimAccess.loadDialogSettings(d, stringSetting("n"), new PortObjectSpec[]{MIXED});
        assertEquals("n", d.m_comp.getSelected(), "IntCell column is a DoubleValue column");
        assertEquals(IntCell.TYPE, d.m_comp.getSelectedAsSpec().getType());
        assertEquals("n", save(d).getString("col"));

        // a column that is gone: the last compatible column is selected, as KNIME does
        ShimAccess.loadDialogSettings(d, stringSetting("gone"), new PortObjectSpec[]{MIXED});
        assertEquals("n", d.m_comp.getSelected());
        // string and list columns are never offered
        ShimAccess.loadDialogSettings(d, stringSetting("s"), new PortObjectSpec[]{MIXED});
        assertEquals("n", save(d).getString("col"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void constructorVariants() throws Exception {
        DialogComponentColumnNameSelection c1 =
            new DialogComponentColumnNameSelection(new SettingsModelString("c1", null), "C", 0, DoubleValue.class);
        DialogComponentColumnNameSelection c2 = new DialogComponentColumnNameSelection(
            new SettingsModelString("c2", null), "C", 0, false, DoubleValue.class, ListDataValue.class);
        DialogComponentColumnNameSelection c3 = new DialogComponentColumnNameSelection(
            new SettingsModelString("c3", null), "C", 0, true, true, DoubleValue.class);
        DefaultNodeSettingsPane d = new DefaultNodeSettingsPane();
        d.addDialogComponent(c1);
        d.addDialogComponent(c2);
        d.addDialogComponent(c3);
        NodeSettings s = new NodeSettings("model");
        new SettingsModelString("c1", "x").saveSettingsTo(s);
        new SettingsModelString("c2", "v").saveSettingsTo(s);
        new SettingsModelString("c3", "gone").saveSettingsTo(s);
        ShimAccess.loadDialogSettings(d, s, new PortObjectSpec[]{MIXED});
        assertEquals("x", c1.getSelected());
        assertEquals("v", c2.getSelected());
        assertNull(c3.getSelected(), "<none> when the column is gone");
        NodeSettings out = save(d);
        assertEquals("x", out.getString("c1"));
        assertEquals("v", out.getString("c2"));
        assertNull(out.getString("c3"));
        assertThrows(NullPointerException.class,
            () -> new DialogComponentColumnNameSelection(new SettingsModelString("c", null), "C", 0));
    }

    @Test
    void listColumns() throws Exception {
        Dialog d = new Dialog(new SettingsModelString("col", null), true, false, ListDataValue.class);
        ShimAccess.loadDialogSettings(d, stringSetting(null), new PortObjectSpec[]{MIXED});
        assertEquals("v", save(d).getString("col"));
    }

    @Test
    void noCompatibleColumn() throws Exception {
        Dialog required = new Dialog(new SettingsModelString("col", null), true, false, DoubleValue.class);
        NotConfigurableException e = assertThrows(NotConfigurableException.class,
            () -> ShimAccess.loadDialogSettings(required, stringSetting("a"), new PortObjectSpec[]{STRINGS_ONLY}));
        assertEquals("No column in spec compatible to \"DoubleValue\".", e.getMessage());
        assertThrows(NotConfigurableException.class,
            () -> ShimAccess.loadDialogSettings(required, stringSetting("a"), new PortObjectSpec[]{null}));

        Dialog optional = new Dialog(new SettingsModelString("col", null), false, true, DoubleValue.class);
        ShimAccess.loadDialogSettings(optional, stringSetting("a"), new PortObjectSpec[]{STRINGS_ONLY});
        assertNull(optional.m_comp.getSelected(), "<none> selected");
        assertNull(save(optional).getString("col"));
        ShimAccess.loadDialogSettings(optional, stringSetting("x"), new PortObjectSpec[]{MIXED});
        assertEquals("x", save(optional).getString("col"));
    }

    @Test
    void columnNameModelLayoutAndRowID() throws Exception {
        SettingsModelColumnName m = new SettingsModelColumnName("target", "x");
        NodeSettings s = new NodeSettings("model");
        m.saveSettingsTo(s);
        String xml = NodeHarness.toXml(s);
        assertTrue(xml.contains("<config key=\"target\">"), xml);
        assertTrue(xml.contains("<entry key=\"useRowID\" type=\"xboolean\" value=\"false\"/>"), xml);
        assertTrue(xml.contains("<entry key=\"columnName\" type=\"xstring\" value=\"x\"/>"), xml);
        assertTrue(xml.contains("<config key=\"target_Internals\">"), xml);
        assertTrue(xml.contains("value=\"SMID_string\""), xml);

        SettingsModelColumnName fresh = new SettingsModelColumnName("target", null);
        NodeSettingsRO back = NodeHarness.fromXml(xml);
        fresh.validateSettings(back);
        fresh.loadSettingsFrom(back);
        assertEquals("x", fresh.getColumnName());
        assertFalse(fresh.useRowID());

        fresh.setSelection(null, true);
        NodeSettings rowId = new NodeSettings("model");
        fresh.saveSettingsTo(rowId);
        SettingsModelColumnName dialogModel = new SettingsModelColumnName("target", "x");
        Dialog d = new Dialog(dialogModel, true, false, DoubleValue.class);
        ShimAccess.loadDialogSettings(d, rowId, new PortObjectSpec[]{MIXED});
        assertNull(d.m_comp.getSelected(), "<RowID> selected");
        NodeSettings saved = save(d);
        assertTrue(saved.getNodeSettings("target").getBoolean("useRowID"));
        assertNull(saved.getNodeSettings("target").getString("columnName"));

        ShimAccess.loadDialogSettings(d, s, new PortObjectSpec[]{MIXED});
        assertEquals("x", d.m_comp.getSelected());
        NodeSettings saved2 = save(d);
        assertFalse(saved2.getNodeSettings("target").getBoolean("useRowID"));
        assertEquals("x", saved2.getNodeSettings("target").getString("columnName"));
    }
}
