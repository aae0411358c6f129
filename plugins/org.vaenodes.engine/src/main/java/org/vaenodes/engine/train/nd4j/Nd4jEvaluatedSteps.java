package org.vaenodes.engine.train.nd4j;

import org.vaenodes.engine.train.steps.TrainingSteps;

/**
 * Training steps whose evaluation, finiteness check and best weights are {@link Nd4jEvaluation}'s: the ND4J-operations
 * trainer and DL4J's; subclasses supply the step itself.
 */
abstract class Nd4jEvaluatedSteps implements TrainingSteps {

    protected final Nd4jEvaluation evaluation;

    Nd4jEvaluatedSteps(Nd4jEvaluation evaluation) {
        this.evaluation = evaluation;
    }

    @Override
    public double[] evaluateChunk(int[] order, int from, int rows) {
        return evaluation.evaluateChunk(order, from, rows);
    }

    @Override
    public void resetEvaluationNoise() {
        evaluation.resetNoise();
    }

    @Override
    public boolean parametersFinite() {
        return evaluation.parametersFinite();
    }

    @Override
    public void rememberBest() {
        evaluation.rememberBest();
    }

    @Override
    public boolean restoreBest() {
        return evaluation.restoreBest();
    }
}
