package org.vaenodes.engine.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Training steps by DL4J itself: each batch is one {@code pretrainLayer} call of a DL4J network over the
 * {@link Vae}'s parameters (its unsupervised fit of the VariationalAutoencoder layer with DL4J's Adam). The reference
 * trainer on the CPU and the GPU trainer for every model DL4J supports. DL4J draws the noise ε from ND4J's generator
 * of the engine thread, which is seeded here from the training seed, so runs repeat on the CPU.
 *
 * <p>The per-batch sums: DL4J's score is −ELBO per row before the update (for the L2 wrapper without the constant
 * D/2·ln π, added here); the KL term is computed from the same parameters by our encoder and the reconstruction
 * term is the difference. Evaluation, the finiteness check and the best weights are the ND4J path's.
 */
final class Dl4jTrainingSteps extends Nd4jEvaluatedSteps {

    private final Vae vae;
    private final float[] data;
    private final boolean binarize;
    private final MultiLayerNetwork net;
    private final Random binarizeNoise;
    private final double[] sums = new double[3];

    Dl4jTrainingSteps(Vae vae, float[] data, double learningRate, int batchSize, long seed, boolean binarize) {
        super(new Nd4jEvaluation(trainable(vae), data, null, seed));
        this.vae = vae;
        this.data = data;
        this.binarize = binarize;
        net = new MultiLayerNetwork(Dl4jConfigurations.of(vae.config(), vae.dtype, learningRate, seed,
                CpuAdam.EPSILON / batchSize));
        net.init(vae.params, false);
        Nd4j.getRandom().setSeed(Vae.derivedSeed(seed, 1));
        binarizeNoise = Nd4j.getRandomFactory().getNewRandomInstance(Vae.derivedSeed(seed, 3));
    }

    /** The network, if DL4J's trainer can train it; else an IllegalArgumentException saying why not. */
    private static Vae trainable(Vae vae) {
        String why = TrainingCode.DL4J_LAYER.whyNot(vae);
        if (why != null) {
            throw new IllegalArgumentException("DL4J's trainer cannot train this model: " + why);
        }
        return vae;
    }

    @Override
    public double[] trainBatch(int[] order, int from, int to) {
        int n = to - from;
        Pass p = evaluation.pass(n);
        p.gatherX(data, order, from, n);
        if (binarize) {
            Nd4j.rand(p.scratch1, binarizeNoise);
            p.x.subi(p.scratch1);
            Transforms.step(p.x, false);
        }
        vae.math.runEncoder(p);
        double kl;
        try (INDArray k = vae.math.klRows(p)) {
            kl = k.sumNumber().doubleValue();
        }
        net.pretrainLayer(0, p.x);
        double constant = vae.config().likelihood() == Likelihood.GAUSSIAN ? vae.config().inputSize()
                * Vae.HALF_LN_PI : 0;
        double objective = (net.getLayer(0).score() + constant) * n;
        sums[0] = objective;
        sums[1] = objective - kl;
        sums[2] = kl;
        return sums;
    }

    @Override
    public void close() {
        evaluation.close();
        TrainingSession.closeQuietly(binarizeNoise);
        // the training network's own off-heap arrays (Adam state, gradient); not net.close(), which would also free
        // the parameters, i.e. the Vae's
        INDArray state = net.getUpdater(false) == null ? null : net.getUpdater(false).getStateViewArray();
        NdArrays.free(state, net.getFlattenedGradients());
    }
}
