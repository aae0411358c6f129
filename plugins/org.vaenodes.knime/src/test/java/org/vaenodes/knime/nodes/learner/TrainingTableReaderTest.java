package org.vaenodes.knime.nodes.learner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vaenodes.knime.data.InputDataException;
import org.vaenodes.engine.train.RowFile;
import org.vaenodes.engine.train.TrainingData;
import org.vaenodes.engine.train.TrainingMemory;
import org.vaenodes.engine.train.ValueRange;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.collection.CollectionCellFactory;
import org.knime.core.data.collection.ListCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.vaenodes.knime.data.InputColumns;
import org.vaenodes.knime.data.LabelColumn;
import org.vaenodes.shim.harness.ShimAccess;

/**
 * The learner's table reading over several chunks of rows converted in parallel: every kept row lands in table
 * order with its label, skipped rows leave no gap, and errors name the first bad row in table order.
 */
class TrainingTableReaderTest {

    private static final int WIDTH = 5;
    private static final int ROWS = 5_000; // three chunks of 2,048 rows, each split over the cores

    /** Row i's values are i + j / 10 and its label "c" + i % 3; rows in {@code missingList} have a missing list. */
    private static BufferedDataTable table(Set<Integer> missingList, Set<Integer> missingElement,
        Set<Integer> missingLabel, Set<Integer> shortList) {
        DataTableSpec spec = new DataTableSpec(new String[] {"x", "label"},
            new DataType[] {ListCell.getCollectionType(DoubleCell.TYPE), StringCell.TYPE});
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            List<DataCell> values = new ArrayList<>();
            int width = shortList.contains(i) ? WIDTH - 1 : WIDTH;
            for (int j = 0; j < width; j++) {
                values.add(missingElement.contains(i) && j == 2 ? DataType.getMissingCell()
                    : new DoubleCell(i + j / 10.0));
            }
            DataCell list = missingList.contains(i) ? DataType.getMissingCell()
                : CollectionCellFactory.createListCell(values);
            DataCell label = missingLabel.contains(i) ? DataType.getMissingCell() : new StringCell("c" + i % 3);
            rows.add(new DefaultRow("row" + i, list, label));
        }
        return ShimAccess.tableOf(spec, rows);
    }

    private static TrainingTableReader.Result read(BufferedDataTable t, boolean skip) throws Exception {
        return TrainingTableReader.read(t, InputColumns.ofList(t.getDataTableSpec(), "x", 0),
            LabelColumn.of(t.getDataTableSpec(), "label"), skip, new ExecutionMonitor());
    }

    /** In memory, and (with a tiny heap budget) through a temporary row file: the same rows, labels and order. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void keptRowsArriveInTableOrderWithTheirLabels(boolean onDisk) throws Exception {
        // skipped rows at the start, on both sides of chunk borders (2,047 | 2,048) and inside parallel parts
        Set<Integer> noList = Set.of(0, 2047, 2048, 3000);
        Set<Integer> noElement = Set.of(5, 300, 4095);
        Set<Integer> noLabel = Set.of(257, 4999);
        if (onDisk) {
            System.setProperty(TrainingMemory.BUDGET_PROPERTY, "1000");
        }
        java.nio.file.Path file;
        float[] v;
        int[] labels;
        try (TrainingTableReader.Result r = read(table(noList, noElement, noLabel, Set.of()), true)) {
            assertEquals(onDisk, r.onDisk());
            file = r.data() instanceof RowFile f ? f.path() : null;
            assertEquals(9, r.skippedRows());
            assertEquals(ROWS - 9, r.data().rows());
            assertEquals(WIDTH, r.data().width());
            assertEquals(List.of("c0", "c1", "c2"), r.labelValues());
            if (!onDisk) {
                // measured while converting: every complete row, also row 4999, whose missing label drops it later
                assertEquals(new ValueRange(1f, (float) (4999 + 4 / 10.0)), ((TrainingData) r.data()).range());
            }
            v = new float[(ROWS - 9) * WIDTH];
            labels = new int[ROWS - 9];
            r.data().read(0, ROWS - 9, v, labels, 0);
        } finally {
            System.clearProperty(TrainingMemory.BUDGET_PROPERTY);
        }
        if (file != null) {
            assertTrue(!java.nio.file.Files.exists(file), "closing the result deletes its file");
        }
        int k = 0;
        for (int i = 0; i < ROWS; i++) {
            if (noList.contains(i) || noElement.contains(i) || noLabel.contains(i)) {
                continue;
            }
            float[] expected = new float[WIDTH];
            for (int j = 0; j < WIDTH; j++) {
                expected[j] = (float) (i + j / 10.0);
            }
            float[] actual = java.util.Arrays.copyOfRange(v, k * WIDTH, (k + 1) * WIDTH);
            assertArrayEquals(expected, actual, "kept row " + k + " must be table row " + i);
            assertEquals(i % 3, labels[k], "label of table row " + i);
            k++;
        }
        assertEquals(ROWS - 9, k);
    }

    @Test
    void errorsNameTheFirstBadRowInTableOrder() throws Exception {
        InputDataException missing = assertThrows(InputDataException.class,
            () -> read(table(Set.of(3001), Set.of(2600), Set.of(), Set.of()), false));
        assertTrue(missing.getMessage().startsWith("Row 'row2600' has a missing input value"), missing.getMessage());

        // a wrong list length is an error even when missing values are skipped; the first one in order is named
        InputDataException length = assertThrows(InputDataException.class,
            () -> read(table(Set.of(10), Set.of(), Set.of(), Set.of(4500, 2100)), true));
        assertTrue(length.getMessage().contains("'row2100'") && length.getMessage().contains("expected 5"),
            length.getMessage());

        InputDataException label = assertThrows(InputDataException.class,
            () -> read(table(Set.of(), Set.of(), Set.of(4097), Set.of()), false));
        assertTrue(label.getMessage().startsWith("Row 'row4097' has a missing label"), label.getMessage());
    }
}
