package org.vaenodes.knime.testflows;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import javax.imageio.ImageIO;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.node.BufferedDataTable;

/**
 * Scores of a table's rows split into normal and positive rows by a label column, for the {@code expected} file's
 * {@code mean}, {@code auc} and {@code export ... roc|histogram} lines, and the two pictures: the ROC curve and the
 * overlaid score histograms, drawn with Java2D (headless) as PNG. Uses only KNIME core's table API, so the harness
 * that runs the flows in real KNIME compiles it too.
 */
final class ScorePlots {

    private static final int SIZE = 480;
    private static final Color NORMAL = new Color(31, 119, 180);
    private static final Color POSITIVE = new Color(214, 39, 40);

    private ScorePlots() {
    }

    /**
     * A table's scores and whether each row is positive (its label's text among the positive labels); with
     * {@code lowIsPositive} a low score marks a positive row (as a reconstruction log-probability marks anomalies).
     */
    record Scores(String scoreColumn, String labelColumn, Set<String> positiveLabels, double[] scores,
        boolean[] positive, boolean lowIsPositive) {

        RocCurve roc() {
            return new RocCurve(lowIsPositive ? java.util.Arrays.stream(scores).map(v -> -v).toArray() : scores,
                positive);
        }

        /** "Label = 9" or "Label in {8, 9}". */
        String positivesText() {
            return labelColumn + (positiveLabels.size() == 1 ? " = " + positiveLabels.iterator().next()
                : " in {" + String.join(", ", positiveLabels) + "}");
        }
    }

    /** The index of a column, or an exception naming the table's columns. */
    static int column(BufferedDataTable t, String name) {
        DataTableSpec spec = t.getDataTableSpec();
        int col = spec.findColumnIndex(name);
        if (col < 0) {
            throw new IllegalArgumentException("no column \"" + name + "\" in " + Arrays.toString(spec.getColumnNames()));
        }
        return col;
    }

    /** The mean of a double column over all rows; a missing cell or an empty table is an error. */
    static double mean(BufferedDataTable t, String columnName) {
        int col = column(t, columnName);
        double sum = 0;
        long n = 0;
        for (DataRow r : t) {
            sum += value(r, col, columnName);
            n++;
        }
        if (n == 0) {
            throw new IllegalArgumentException("the table has no rows: no mean of \"" + columnName + "\"");
        }
        return sum / n;
    }

    private static double value(DataRow r, int col, String columnName) {
        DataCell c = r.getCell(col);
        if (c.isMissing()) {
            throw new IllegalArgumentException("row " + r.getKey() + " has no value in \"" + columnName + "\"");
        }
        if (!(c instanceof DoubleValue)) {
            throw new IllegalArgumentException("column \"" + columnName + "\" is not numeric (row " + r.getKey()
                + " holds " + c.getType() + ")");
        }
        return ((DoubleValue) c).getDoubleValue();
    }

    /**
     * Reads the scores and classes: a row is positive when its label cell's text (e.g. "9" for an integer cell) is
     * one of the comma-separated {@code positiveLabels}. Either class being empty is an error that lists the labels
     * the table has.
     */
    static Scores read(BufferedDataTable t, String scoreColumn, boolean lowIsPositive, String labelColumn,
        String positiveLabels) {
        int s = column(t, scoreColumn);
        int l = column(t, labelColumn);
        Set<String> wanted = new LinkedHashSet<>();
        for (String p : positiveLabels.split(",")) {
            if (!p.isBlank()) {
                wanted.add(p.strip());
            }
        }
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("no positive labels given in \"" + positiveLabels + "\"");
        }
        int n = (int) Math.min(t.size(), Integer.MAX_VALUE);
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        Set<String> seen = new TreeSet<>();
        int i = 0;
        int positives = 0;
        for (DataRow r : t) {
            scores[i] = value(r, s, scoreColumn);
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("row " + r.getKey() + " has the score NaN in \"" + scoreColumn
                    + "\"");
            }
            String label = r.getCell(l).toString();
            if (seen.size() < 50) {
                seen.add(label);
            }
            positive[i] = wanted.contains(label);
            positives += positive[i] ? 1 : 0;
            i++;
        }
        if (positives == 0 || positives == n) {
            throw new IllegalArgumentException("the rows cannot be split by " + labelColumn + " in " + wanted + ": of "
                + n + " rows " + positives + " are positive and " + (n - positives) + " normal (labels seen: " + seen
                + ")");
        }
        return new Scores(scoreColumn, labelColumn, wanted, scores, positive, lowIsPositive);
    }

    // ---- pictures ------------------------------------------------------------------------------------------------

    /** Plot area of both pictures: left, top, width, height. */
    private static final int LEFT = 62;
    private static final int TOP = 40;
    private static final int WIDTH = SIZE - LEFT - 20;
    private static final int HEIGHT = SIZE - TOP - 56;

    private static Graphics2D canvas(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, SIZE, SIZE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    private static int x(double fraction) {
        return LEFT + (int) Math.round(fraction * WIDTH);
    }

    private static int y(double fraction) {
        return TOP + HEIGHT - (int) Math.round(fraction * HEIGHT);
    }

    /** Frame, tick labels (from {@code xTicks}/{@code yTicks} at fractions 0, 0.2, ..., 1), title and axis names. */
    private static void axes(Graphics2D g, String title, String xName, String yName, String[] xTicks,
        String[] yTicks) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, TOP, WIDTH, HEIGHT);
        FontMetrics fm = g.getFontMetrics();
        for (int k = 0; k < xTicks.length; k++) {
            double f = k / (double) (xTicks.length - 1);
            g.drawLine(x(f), y(0), x(f), y(0) + 4);
            g.drawString(xTicks[k], x(f) - fm.stringWidth(xTicks[k]) / 2, y(0) + 6 + fm.getAscent());
        }
        for (int k = 0; k < yTicks.length; k++) {
            double f = k / (double) (yTicks.length - 1);
            g.drawLine(LEFT - 4, y(f), LEFT, y(f));
            g.drawString(yTicks[k], LEFT - 7 - fm.stringWidth(yTicks[k]), y(f) + fm.getAscent() / 2 - 1);
        }
        g.drawString(xName, LEFT + (WIDTH - fm.stringWidth(xName)) / 2, SIZE - 14);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yName, -(TOP + (HEIGHT + fm.stringWidth(yName)) / 2), 16);
        g.setTransform(saved);
        Font font = g.getFont();
        g.setFont(font.deriveFont(Font.BOLD, 13f));
        FontMetrics bold = g.getFontMetrics();
        String t = fit(title, bold, SIZE - 20);
        g.drawString(t, (SIZE - bold.stringWidth(t)) / 2, 24);
        g.setFont(font);
    }

    private static String fit(String text, FontMetrics fm, int width) {
        String t = text;
        while (fm.stringWidth(t) > width && t.length() > 4) {
            t = t.substring(0, t.length() - 4) + "...";
        }
        return t;
    }

    /** Tick labels from {@code from} to {@code to} every {@code step}, with as many decimals as the step needs. */
    private static String[] ticks(double from, double to, double step) {
        int n = (int) Math.round((to - from) / step) + 1;
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (Math.abs(step * Math.pow(10, decimals) - Math.round(step * Math.pow(10, decimals))) > 1e-6) {
            decimals++; // 0.25, 2.5
        }
        boolean scientific = Math.max(Math.abs(from), Math.abs(to)) >= 1e6 || decimals > 4;
        String[] out = new String[n];
        for (int k = 0; k < n; k++) {
            double v = from + step * k;
            out[k] = scientific ? String.format(Locale.ROOT, "%.2g", v)
                : String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step / 1e6 ? 0.0 : v);
        }
        return out;
    }

    /** A round step (1, 2, 2.5 or 5 times a power of ten) at least {@code raw}. */
    private static double niceStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** The ROC curve (false-positive rate across, true-positive rate up), the diagonal, and the AUC. */
    static void writeRoc(Scores s, Path file) throws IOException {
        RocCurve roc = s.roc();
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        axes(g, "ROC: " + (s.lowIsPositive() ? "low " : "") + s.scoreColumn() + " for " + s.positivesText(), "False-positive rate",
            "True-positive rate", ticks(0, 1, 0.2), ticks(0, 1, 0.2));
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
        g.drawLine(x(0), y(0), x(1), y(1));
        Path2D.Double curve = new Path2D.Double();
        List<double[]> points = roc.points();
        curve.moveTo(LEFT + points.get(0)[0] * WIDTH, TOP + HEIGHT - points.get(0)[1] * HEIGHT);
        for (double[] p : points.subList(1, points.size())) {
            curve.lineTo(LEFT + p[0] * WIDTH, TOP + HEIGHT - p[1] * HEIGHT);
        }
        g.setColor(NORMAL);
        g.setStroke(new BasicStroke(2f));
        g.draw(curve); // over the frame: a perfect curve runs along its left and top edges
        g.setFont(g.getFont().deriveFont(Font.BOLD, 14f));
        String auc = String.format(Locale.ROOT, "AUC = %.4f", roc.auc());
        String counts = String.format(Locale.ROOT, "%,d positive, %,d normal rows", roc.positives(),
            roc.negatives());
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Color.BLACK);
        g.drawString(auc, x(1) - 10 - fm.stringWidth(auc), y(0) - 30);
        g.setFont(g.getFont().deriveFont(Font.PLAIN, 12f));
        fm = g.getFontMetrics();
        g.drawString(counts, x(1) - 10 - fm.stringWidth(counts), y(0) - 12);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    /**
     * Two overlaid histograms of the scores, normal and positive rows, each as its share of its own rows (so a small
     * positive class is as visible as the normal one), with a legend.
     */
    static void writeHistogram(Scores s, Path file) throws IOException {
        int bins = 40;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : s.scores()) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("no finite score in \"" + s.scoreColumn() + "\"");
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        // the axis runs between round numbers, in about five round steps
        double xStep = niceStep((max - min) / 5);
        min = Math.floor(min / xStep) * xStep;
        max = Math.max(min + xStep, Math.ceil(max / xStep) * xStep);
        double[][] share = new double[2][bins];
        int[] counts = new int[2];
        for (int i = 0; i < s.scores().length; i++) {
            int cls = s.positive()[i] ? 1 : 0;
            double v = Math.max(min, Math.min(max, s.scores()[i])); // infinities go to the outer bins
            int b = Math.min(bins - 1, (int) ((v - min) / (max - min) * bins));
            share[cls][b]++;
            counts[cls]++;
        }
        double top = 0;
        for (int cls = 0; cls < 2; cls++) {
            for (int b = 0; b < bins; b++) {
                share[cls][b] /= counts[cls];
                top = Math.max(top, share[cls][b]);
            }
        }
        double yStep = niceStep(top * 1.05 / 5); // a little headroom
        top = Math.max(yStep, Math.ceil(top * 1.05 / yStep) * yStep);
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img);
        Color[] colours = {NORMAL, POSITIVE};
        for (int cls = 0; cls < 2; cls++) {
            Color c = colours[cls];
            for (int b = 0; b < bins; b++) {
                if (share[cls][b] == 0) {
                    continue;
                }
                int x0 = x(b / (double) bins);
                int x1 = x((b + 1) / (double) bins);
                int y0 = y(share[cls][b] / top);
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
                g.fillRect(x0, y0, x1 - x0, y(0) - y0);
                g.setColor(c);
                g.drawRect(x0, y0, x1 - x0, y(0) - y0);
            }
        }
        axes(g, "Scores: " + s.scoreColumn() + " by " + s.labelColumn(), s.scoreColumn(), "Share of the class's rows",
            ticks(min, max, xStep), ticks(0, top, yStep));
        String[] legend = {String.format(Locale.ROOT, "normal (%,d rows)", counts[0]),
            String.format(Locale.ROOT, "%s (%,d rows)", s.positivesText(), counts[1])};
        FontMetrics fm = g.getFontMetrics();
        int w = Arrays.stream(legend).mapToInt(fm::stringWidth).max().orElse(0) + 30;
        int lx = x(1) - w - 8;
        int ly = TOP + 8;
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(lx, ly, w, 2 * 18 + 8);
        g.setColor(Color.GRAY);
        g.drawRect(lx, ly, w, 2 * 18 + 8);
        for (int k = 0; k < 2; k++) {
            int rowY = ly + 6 + k * 18;
            g.setColor(new Color(colours[k].getRed(), colours[k].getGreen(), colours[k].getBlue(), 110));
            g.fillRect(lx + 6, rowY + 2, 14, 12);
            g.setColor(colours[k]);
            g.drawRect(lx + 6, rowY + 2, 14, 12);
            g.setColor(Color.BLACK);
            g.drawString(legend[k], lx + 26, rowY + 2 + fm.getAscent() - 1);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }
}
