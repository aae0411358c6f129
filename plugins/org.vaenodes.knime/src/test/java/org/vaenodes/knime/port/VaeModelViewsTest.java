package org.vaenodes.knime.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.swing.JComponent;

import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.vaenodes.engine.model.Provenance;
import org.vaenodes.knime.testing.TestModels;

/** The model port's views: summary with provenance, loss-curve chart and history table (built headless). */
class VaeModelViewsTest {

    @Test
    void viewsShowSummaryProvenanceAndLossCurves() {
        VaeModelPortObject model = TestModels.unconditional();
        JComponent[] views = model.getViews();
        assertEquals(3, views.length);
        assertEquals("Summary", views[0].getName());
        assertEquals("Loss curves", views[1].getName());
        assertEquals("Training history", views[2].getName());

        Provenance p = model.model().provenance();
        String html = VaeModelViews.summaryHtml(model.model(), model.getSpec());
        assertTrue(html.contains(p.dataSha256()), "summary names the data fingerprint");
        assertTrue(html.contains("Seed") && html.contains(Long.toString(p.seed())), "summary names the seed");
        assertTrue(html.contains(p.backend()), "summary names the backend");
        Provenance.Training t = p.training();
        for (String shown : new String[] {"Epochs run / set</b></td><td>" + t.epochsRun() + " / " + t.epochsAsked(),
            "Weights of epoch</b></td><td>" + t.bestEpoch(), t.batchSize() + ", " + t.learningRate(),
            "β (KL weight)</b></td><td>" + model.model().config().beta(),
            t.validationFraction() + ", " + t.patience(), "Binarized inputs</b></td><td>" + (t.binarize() ? "yes" : "no"),
            t.threads() + ", " + t.javaVersion(), p.trainer(), p.device(), p.engineVersion(), p.nd4jVersion(),
            "Network as trained</b></td><td>" + p.architecture(), "Started from</b></td><td>random weights",
            p.started().toString(), p.finished().toString()}) {
            assertTrue(html.contains(shown), "summary shows " + shown + ": " + html);
        }

        XYSeriesCollection data = LossCurveChart.dataset(model.model().history());
        assertEquals(model.model().history().size(), data.getSeries(0).getItemCount(), "one point per epoch");
    }
}
