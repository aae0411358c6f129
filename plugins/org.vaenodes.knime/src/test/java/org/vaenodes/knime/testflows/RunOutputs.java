package org.vaenodes.knime.testflows;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.collection.ListDataValue;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.image.ImagePortObject;
import org.vaenodes.engine.io.ModelArchive;
import org.vaenodes.knime.port.VaeModelPortObject;

/**
 * Writes what a run produced to a folder: tables as CSV (a preview of the first rows; {@code export} lines in the
 * expected file write whole tables), image ports as PNG, VAE models as their archive, named
 * {@code <node id>-<port>.<ext>} with ports numbered as in workflow.knime (1 = first data port).
 */
final class RunOutputs {

    /** Rows per table in the automatic output (a 9,000-digit table as CSV would be ~50 MB). */
    static final int PREVIEW_ROWS = 100;

    private RunOutputs() {
    }

    static void writeAll(FlowOutcome run, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        for (FlowOutcome.NodeOutcome r : run.nodes().values()) {
            if (r.outputs() == null) {
                continue;
            }
            for (int p = 0; p < r.outputs().length; p++) {
                Path base = outDir.resolve(r.id() + "-" + (p + 1));
                if (r.outputs()[p] instanceof BufferedDataTable t) {
                    writeCsv(t, base.resolveSibling(base.getFileName() + ".csv"), PREVIEW_ROWS);
                } else {
                    write(r.outputs()[p], base);
                }
            }
        }
    }

    static void write(PortObject po, Path base) throws IOException {
        if (po instanceof BufferedDataTable t) {
            writeCsv(t, base.resolveSibling(base.getFileName() + ".csv"), Long.MAX_VALUE);
        } else if (po instanceof ImagePortObject img) {
            Files.write(base.resolveSibling(base.getFileName() + ".png"), pngBytes(img.toDataCell()));
        } else if (po instanceof VaeModelPortObject m) {
            try (OutputStream out = Files.newOutputStream(base.resolveSibling(base.getFileName() + "-model.zip"))) {
                ModelArchive.write(m.model(), out);
            }
        }
    }

    static void writeCsv(BufferedDataTable t, Path file, long maxRows) throws IOException {
        DataTableSpec spec = t.getDataTableSpec();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<String> header = new ArrayList<>(List.of("RowID"));
            header.addAll(List.of(spec.getColumnNames()));
            w.write(csvLine(header));
            long written = 0;
            for (DataRow row : t) {
                if (written++ == maxRows) {
                    break;
                }
                List<String> cells = new ArrayList<>(List.of(row.getKey().getString()));
                for (DataCell c : row) {
                    cells.add(text(c));
                }
                w.write(csvLine(cells));
            }
        }
    }

    private static String text(DataCell c) {
        if (c.isMissing()) {
            return "";
        }
        if (c instanceof PNGImageValue png) {
            var size = png.getImageContent().getPreferredSize();
            return "[PNG " + size.width + "x" + size.height + "]";
        }
        if (c instanceof ListDataValue list) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(list.get(i));
            }
            return sb.toString();
        }
        return c.toString();
    }

    private static String csvLine(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String v = cells.get(i);
            boolean quote = v.contains(",") || v.contains("\"") || v.contains("\n");
            sb.append(i == 0 ? "" : ",").append(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        return sb.append('\n').toString();
    }

    static byte[] pngBytes(DataCell cell) {
        return ((PNGImageValue) cell).getImageContent().getByteArray();
    }

    /**
     * A contact sheet of a table's image columns: per row, the images of the given columns stacked (e.g. an input
     * above its reconstruction), rows side by side in lines of {@code perLine}.
     */
    static void writeSheet(BufferedDataTable t, List<String> columns, int maxRows, int perLine, Path file)
        throws IOException {
        DataTableSpec spec = t.getDataTableSpec();
        int[] idx = columns.stream().mapToInt(spec::findColumnIndex).toArray();
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0) {
                throw new IOException("No image column '" + columns.get(i) + "' in " + List.of(spec.getColumnNames()));
            }
        }
        List<BufferedImage[]> rows = new ArrayList<>();
        for (DataRow row : t) {
            if (rows.size() == maxRows) {
                break;
            }
            BufferedImage[] stack = new BufferedImage[idx.length];
            for (int i = 0; i < idx.length; i++) {
                stack[i] = ImageIO.read(new ByteArrayInputStream(pngBytes(row.getCell(idx[i]))));
            }
            rows.add(stack);
        }
        if (rows.isEmpty()) {
            throw new IOException("Table has no rows to draw");
        }
        int w = rows.get(0)[0].getWidth();
        int h = rows.get(0)[0].getHeight();
        int cols = Math.min(perLine, rows.size());
        int lines = (rows.size() + perLine - 1) / perLine;
        int gap = 2;
        // colour when any picture has colour (an RGB model's), else grey as the pictures are
        boolean colour = rows.stream().flatMap(java.util.Arrays::stream)
            .anyMatch(img -> img.getColorModel().getNumColorComponents() > 1);
        BufferedImage sheet = new BufferedImage(cols * (w + gap), lines * (idx.length * h + gap),
            colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = sheet.createGraphics();
        for (int r = 0; r < rows.size(); r++) {
            int x = (r % perLine) * (w + gap);
            int y = (r / perLine) * (idx.length * h + gap);
            for (int i = 0; i < idx.length; i++) {
                g.drawImage(rows.get(r)[i], x, y + i * h, null);
            }
        }
        g.dispose();
        ImageIO.write(sheet, "png", file.toFile());
    }
}
