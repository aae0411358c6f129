package org.vaenodes.knime.nodes.learner;

import org.knime.core.node.ExecutionMonitor;
import org.vaenodes.engine.train.EpochStats;
import org.vaenodes.engine.train.TrainingListener;

/** Shows training progress in KNIME: epoch, batch and the current loss. */
final class ProgressReporter implements TrainingListener {

    private final ExecutionMonitor exec;
    private final int epochs;
    private volatile String lastEpoch = "";

    ProgressReporter(ExecutionMonitor exec, int epochs) {
        this.exec = exec;
        this.epochs = epochs;
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double currentLoss) {
        double done = ((epoch - 1) + batch / (double) batches) / epochs;
        exec.setProgress(Math.min(1.0, done), () -> String.format("Epoch %d/%d, batch %d/%d, loss %.2f%s", epoch,
            epochs, batch, batches, currentLoss, lastEpoch));
    }

    @Override
    public void onEpoch(EpochStats stats) {
        lastEpoch = String.format(" (epoch %d: −ELBO %.2f%s)", stats.epoch(), stats.trainNegElbo(),
            stats.hasValidation() ? String.format(", validation %.2f", stats.validationNegElbo()) : "");
    }
}
