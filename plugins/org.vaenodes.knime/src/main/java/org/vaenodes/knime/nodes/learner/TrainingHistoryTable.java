package org.vaenodes.knime.nodes.learner;

import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.vaenodes.engine.train.EpochStats;

/** The learner's second output: one row per epoch, ready for a line plot of the loss curves. */
final class TrainingHistoryTable {

    static final DataTableSpec SPEC = new DataTableSpec(
        new String[] {"Epoch", "Train -ELBO", "Train reconstruction", "Train KL", "Validation -ELBO", "Seconds"},
        new DataType[] {IntCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE, DoubleCell.TYPE,
            DoubleCell.TYPE});

    private TrainingHistoryTable() {
    }

    static BufferedDataTable create(List<EpochStats> history, ExecutionContext exec) {
        BufferedDataContainer c = exec.createDataContainer(SPEC);
        for (EpochStats e : history) {
            DataCell validation = e.hasValidation() ? new DoubleCell(e.validationNegElbo()) : DataType.getMissingCell();
            c.addRowToTable(new DefaultRow(new RowKey("Epoch " + e.epoch()), new IntCell(e.epoch()),
                new DoubleCell(e.trainNegElbo()), new DoubleCell(e.trainRecon()), new DoubleCell(e.trainKl()),
                validation, new DoubleCell(e.seconds())));
        }
        c.close();
        return c.getTable();
    }
}
