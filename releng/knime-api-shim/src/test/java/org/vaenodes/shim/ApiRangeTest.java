package org.vaenodes.shim;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.knime.core.data.DataValue;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.NodeLogger;
import org.knime.core.node.defaultnodesettings.SettingsModelColumnFilter2;

/**
 * The shim declares only the API common to KNIME 5.3.0 and the newest release (see the shim's README; the full
 * check is shared/tools/ShimCheck.java against both source trees). These members exist only in releases after 5.3,
 * were once in the shim, and must not come back: a node calling one would fail in KNIME 5.3 with NoSuchMethodError.
 */
class ApiRangeTest {

    @Test
    void membersNewerThanKnime53AreNotDeclared() {
        for (String level : new String[] {"debug", "info", "warn", "error", "fatal"}) {
            assertThrows(NoSuchMethodException.class, () -> NodeLogger.class.getMethod(level, Throwable.class),
                "NodeLogger." + level + "(Throwable) is not in KNIME 5.3");
        }
        assertThrows(NoSuchMethodException.class,
            () -> ExecutionMonitor.class.getMethod("createNonCancelableSubProgress"),
            "ExecutionMonitor.createNonCancelableSubProgress() is not in KNIME 5.3");
        assertThrows(NoSuchMethodException.class, () -> SettingsModelColumnFilter2.class.getConstructor(String.class,
            boolean.class, Class[].class), "SettingsModelColumnFilter2(String, boolean, Class...) is not in KNIME 5.3");
    }

    @Test
    void theirKnime53CounterpartsAre() throws Exception {
        NodeLogger.class.getMethod("warn", Object.class, Throwable.class);
        ExecutionMonitor.class.getMethod("createSubProgress", double.class);
        SettingsModelColumnFilter2.class.getConstructor(String.class, Class[].class);
        DataValue.class.getName();
    }
}
