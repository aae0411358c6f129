package org.vaenodes.knime.port;

import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.vaenodes.engine.train.EpochStats;

/** The training and validation −ELBO per epoch as a line chart (JFreeChart). */
final class LossCurveChart {

    private LossCurveChart() {
    }

    static XYSeriesCollection dataset(List<EpochStats> history) {
        XYSeries train = new XYSeries("Train −ELBO");
        XYSeries validation = new XYSeries("Validation −ELBO");
        for (EpochStats e : history) {
            train.add(e.epoch(), e.trainNegElbo());
            if (e.hasValidation()) {
                validation.add(e.epoch(), e.validationNegElbo());
            }
        }
        XYSeriesCollection data = new XYSeriesCollection(train);
        if (validation.getItemCount() > 0) {
            data.addSeries(validation);
        }
        return data;
    }

    static JFreeChart chart(List<EpochStats> history) {
        return ChartFactory.createXYLineChart("Loss curves", "Epoch", "−ELBO per row (nats)", dataset(history),
            PlotOrientation.VERTICAL, true, true, false);
    }

    static ChartPanel panel(List<EpochStats> history) {
        ChartPanel panel = new ChartPanel(chart(history));
        panel.setName("Loss curves");
        return panel;
    }
}
