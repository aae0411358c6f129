package org.vaenodes.knime.port;

import java.util.List;

import javax.swing.JComponent;
import javax.swing.JEditorPane;
import javax.swing.JScrollPane;
import javax.swing.JTable;

import org.vaenodes.engine.model.Provenance;
import org.vaenodes.engine.spec.VaeConfig;
import org.vaenodes.engine.train.EpochStats;
import org.vaenodes.engine.train.TrainedModel;

/** The port views of a VAE model: a summary with its provenance, the loss curves and the per-epoch history. */
final class VaeModelViews {

    private VaeModelViews() {
    }

    static JComponent[] create(TrainedModel model, VaeModelPortObjectSpec spec) {
        JEditorPane summary = new JEditorPane("text/html", summaryHtml(model, spec));
        summary.setEditable(false);
        summary.setName("Summary");
        JScrollPane history = new JScrollPane(historyTable(model.history()));
        history.setName("Training history");
        return new JComponent[] {summary, LossCurveChart.panel(model.history()), history};
    }

    static String summaryHtml(TrainedModel model, VaeModelPortObjectSpec spec) {
        VaeConfig c = model.config();
        Provenance p = model.provenance();
        StringBuilder h = new StringBuilder("<html><body>");
        h.append("<h3>Variational autoencoder</h3><table>");
        row(h, "Input", spec.describe());
        row(h, "Network", escape(c.describe()));
        row(h, "Parameters", String.format("%,d", c.parameterCount()));
        h.append("</table><h3>How it was made</h3><table>");
        row(h, "Training rows", String.format("%,d", p.rows()));
        row(h, "Data fingerprint (SHA-256)", "<tt>" + p.dataSha256() + "</tt>");
        row(h, "Seed", Long.toString(p.seed()));
        row(h, "Backend / device", escape(p.backend() + " / " + p.device()));
        row(h, "Trainer", escape(p.trainer()));
        row(h, "Network as trained", escape(p.architecture()));
        row(h, "Started from", escape(p.startedFrom()));
        row(h, "Library versions", escape("VAE Nodes engine " + p.engineVersion() + ", ND4J " + p.nd4jVersion()));
        row(h, "Trained", p.started() + " to " + p.finished());
        Provenance.Training t = p.training();
        if (t == null) {
            row(h, "Training settings", "not recorded (model saved before training settings were recorded, or made by another program)");
        } else {
            row(h, "Epochs run / set", t.epochsRun() + " / " + t.epochsAsked() + (t.stoppedEarly()
                ? " (stopped early; patience " + t.patience() + ")" : ""));
            row(h, "Weights of epoch", Integer.toString(t.bestEpoch()));
            row(h, "Batch size, learning rate", t.batchSize() + ", " + t.learningRate());
            row(h, "β (KL weight)", Double.toString(c.beta()));
            row(h, "Validation share, early-stopping patience", t.validationFraction() + ", " + t.patience());
            row(h, "Binarized inputs", t.binarize() ? "yes" : "no");
            row(h, "Threads, Java", t.threads() + ", " + escape(t.javaVersion()));
        }
        List<EpochStats> hist = model.history();
        if (!hist.isEmpty()) {
            EpochStats last = hist.get(hist.size() - 1);
            row(h, "Epochs", Integer.toString(hist.size()));
            row(h, "Final train −ELBO", String.format("%.2f", last.trainNegElbo()));
            if (last.hasValidation()) {
                row(h, "Final validation −ELBO", String.format("%.2f", last.validationNegElbo()));
            }
        }
        return h.append("</table></body></html>").toString();
    }

    static JTable historyTable(List<EpochStats> history) {
        String[] cols = {"Epoch", "Train −ELBO", "Reconstruction", "KL", "Validation −ELBO", "Seconds"};
        Object[][] rows = new Object[history.size()][];
        for (int i = 0; i < rows.length; i++) {
            EpochStats e = history.get(i);
            rows[i] = new Object[] {e.epoch(), e.trainNegElbo(), e.trainRecon(), e.trainKl(),
                e.hasValidation() ? e.validationNegElbo() : null, e.seconds()};
        }
        JTable t = new JTable(rows, cols);
        t.setEnabled(false);
        return t;
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><td><b>").append(key).append("</b></td><td>").append(value).append("</td></tr>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
