package org.vaenodes.knime.testflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.PortObject;
import org.vaenodes.shim.harness.ShimAccess;

/** The expected file's mean, auc and score-picture lines on a small table of scores and labels. */
class ExpectationsScoresTest {

    @TempDir
    Path dir;

    /** Node #3's table: Score = label / 10 plus a little, Label 0..9 twice, so the nines score highest. */
    private static FlowOutcome run() {
        DataTableSpec spec = new DataTableSpec(new DataColumnSpecCreator("Score", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Label", IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Name", StringCell.TYPE).createSpec());
        List<DataRow> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int label = i % 10;
            DataCell[] cells = {new DoubleCell(label / 10.0 + (i < 10 ? 0 : 0.01)), new IntCell(label),
                new StringCell("r" + i)};
            rows.add(new DefaultRow(new RowKey("Row" + i), cells));
        }
        BufferedDataTable t = ShimAccess.tableOf(spec, rows);
        FlowOutcome.NodeOutcome node = new FlowOutcome.NodeOutcome(3, "Scorer (#3)", FlowOutcome.Status.EXECUTED,
            null, null, List.of(), new PortObject[] {t});
        return new FlowOutcome(Map.of(3, node), Map.of(3, Set.of()), TestflowConfiguration.NONE);
    }

    private List<String> check(String... lines) throws IOException {
        Files.write(dir.resolve("expected"), List.of(lines));
        return Expectations.read(dir).check(run());
    }

    @Test
    void meanOfAColumnOverAllRows() throws IOException {
        // mean of label/10 over 0..9 twice = 0.45, plus 0.005
        assertEquals(List.of(), check("mean 3:1 \"Score\" <= 0.456", "mean 3:1 \"Score\" >= 0.454"));
        List<String> problems = check("mean 3:1 \"Score\" <= 0.4");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("mean 0.45"), problems.get(0));
        problems = check("mean 3:1 \"Nope\" >= 0");
        assertTrue(problems.get(0).contains("no column \"Nope\""), problems.toString());
        problems = check("mean 3:1 \"Name\" >= 0");
        assertTrue(problems.get(0).contains("not numeric"), problems.toString());
    }

    @Test
    void aucOfAScoreSeparatingLabels() throws IOException {
        assertEquals(List.of(), check("auc 3:1 \"Score\" by \"Label\" = 9 >= 0.99",
            "auc 3:1 \"Score\" by \"Label\" = 8,9 >= 0.99", "auc 3:1 \"Score\" by \"Label\" = 0 <= 0.01"));
        // label 5 against the rest: 10 lower (0-4 twice), 8 higher: (10 + 0) / 18 ... with the 0.01 offsets:
        // Row5 (0.5) beats 0-4 (10 rows) and nothing else; Row15 (0.51) beats the same 10 plus none: 20 / 36
        List<String> problems = check("auc 3:1 \"Score\" by \"Label\" = 5 >= 0.6");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("AUC " + 20 / 36.0) && problems.get(0).contains("2 positive, 18 normal"),
            problems.get(0));
        // "low": a low score marks the positive rows (a log-probability), so the ranking turns round
        assertEquals(List.of(), check("auc 3:1 \"Score\" low by \"Label\" = 0 >= 0.99",
            "auc 3:1 \"Score\" low by \"Label\" = 9 <= 0.01"));
        problems = check("auc 3:1 \"Score\" low by \"Label\" = 5 >= 0.6");
        assertTrue(problems.size() == 1 && problems.get(0).contains("AUC " + 16 / 36.0), problems.toString());
    }

    @Test
    void anEmptyClassFailsClearly() throws IOException {
        List<String> problems = check("auc 3:1 \"Score\" by \"Label\" = 42 >= 0.5");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("0 are positive and 20 normal") && problems.get(0).contains("[0, 1,"),
            problems.get(0));
    }

    @Test
    void scorePicturesAreWrittenAndTheirLinesParse() throws IOException {
        List<String> lines = List.of("export 3:1 roc \"Score\" by \"Label\" = 5 -> roc.png",
            "export 3:1 roc \"Score\" by \"Label\" = 9 -> roc-perfect.png",
            "export 3:1 histogram \"Score\" by \"Label\" = 8,9 -> scores.png");
        assertEquals(List.of(), check(lines.toArray(String[]::new)), "export lines are not checks");
        Path out = Files.createDirectories(dir.resolve("out"));
        Expectations.read(dir).export(run(), out);
        for (String name : List.of("roc.png", "roc-perfect.png", "scores.png")) {
            BufferedImage img = ImageIO.read(out.resolve(name).toFile());
            assertEquals(480, img.getWidth(), name);
            assertEquals(480, img.getHeight(), name);
            int coloured = 0;
            for (int y = 0; y < 480; y += 2) {
                for (int x = 0; x < 480; x += 2) {
                    int rgb = img.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int b = rgb & 0xff;
                    coloured += Math.abs(r - b) > 60 ? 1 : 0;
                }
            }
            assertTrue(coloured > 50, name + " has its curve or bars drawn in colour: " + coloured);
        }
        // left for a look
        Path look = Files.createDirectories(Path.of("target", "score-plots"));
        for (String name : List.of("roc.png", "roc-perfect.png", "scores.png")) {
            Files.copy(out.resolve(name), look.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
