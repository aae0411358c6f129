package org.vaenodes.shim.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.port.PortObject;

class NodeHarnessTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static BufferedDataTable input(final int n) {
        DataTableSpec spec = new DataTableSpec(new String[]{"x", "s"}, new org.knime.core.data.DataType[]{
            DoubleCell.TYPE, StringCell.TYPE});
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new DefaultRow("Row" + i, new DoubleCell(i), new StringCell("s" + i)));
        }
        return ShimAccess.tableOf(spec, rows);
    }

    @Test
    void configureExecuteAndFlowVariables() throws Exception {
        NodeHarness<ScaleNodeFactory.Model> h = NodeHarness.of(ScaleNodeFactory.class);
        assertEquals(1, ShimAccess.inPortCount(h.model()));
        assertEquals(BufferedDataTable.TYPE, ShimAccess.outPortType(h.model(), 0));
        PortObject[] out = h.execute(input(5));
        BufferedDataTable t = (BufferedDataTable)out[0];
        assertEquals(5, t.size());
        List<Double> values = new ArrayList<>();
        t.forEach(r -> values.add(((DoubleCell)r.getCell(0)).getDoubleValue()));
        assertEquals(List.of(0.0, 2.0, 4.0, 6.0, 8.0), values);
        assertEquals(5, ShimAccess.pushedFlowVariables(h.model()).get("rows"));
        assertNull(h.warningMessage());
        h.execute(input(0));
        assertEquals("Empty input", h.warningMessage());
        assertEquals(List.of(), h.loggedErrors());
        h.close();
    }

    @Test
    void cancelAndProgress() throws Exception {
        NodeHarness<ScaleNodeFactory.Model> h = NodeHarness.of(ScaleNodeFactory.class);
        AtomicInteger calls = new AtomicInteger();
        List<Double> progress = new ArrayList<>();
        ExecutionContext exec = ShimAccess.newExecutionContext(() -> calls.incrementAndGet() > 3,
            (p, m) -> progress.add(p));
        assertThrows(CanceledExecutionException.class, () -> h.execute(exec, input(10)));
        assertEquals(3, progress.size());
        assertEquals(0.3, progress.get(2), 1e-9);

        ExecutionContext ok = ShimAccess.newExecutionContext();
        ExecutionContext sub = ok.createSubExecutionContext(0.5);
        sub.setProgress(0.5, "half of half");
        assertEquals(0.25, ShimAccess.progress(ok), 1e-9);
        assertEquals("half of half", ShimAccess.progressMessage(ok));
        h.close();
    }

    @Test
    void settingsRoundtripAndValidation() throws Exception {
        NodeHarness<ScaleNodeFactory.Model> h = NodeHarness.of(ScaleNodeFactory.class);
        NodeSettingsRO back = h.roundtripSettings();
        assertEquals(2.0, back.getDouble("factor"));
        NodeSettings bad = h.settings();
        bad.addDouble("factor", 1000);
        assertThrows(InvalidSettingsException.class, () -> h.loadSettings(bad));
        h.close();
    }

    @Test
    void dialogWorksHeadless() throws Exception {
        NodeHarness<ScaleNodeFactory.Model> h = NodeHarness.of(ScaleNodeFactory.class);
        assertNotNull(h.createDialog().getPanel());
        NodeSettings fromDialog = h.dialogRoundtrip(input(1).getDataTableSpec());
        assertEquals(NodeHarness.toXml(h.settings()).replace("\"model\"", "\"x\""),
            NodeHarness.toXml(fromDialog).replace("\"model\"", "\"x\""));
        h.close();
    }

    @Test
    void configureRejectsWrongInput() {
        NodeHarness<ScaleNodeFactory.Model> h = NodeHarness.of(ScaleNodeFactory.class);
        DataTableSpec strings = new DataTableSpec(new String[]{"s"}, new org.knime.core.data.DataType[]{
            StringCell.TYPE});
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> h.configure(strings));
        assertTrue(e.getMessage().contains("numeric"));
        h.close();
    }
}
