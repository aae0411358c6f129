package org.vaenodes.engine.train.nd4j;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.vaenodes.engine.network.Dl4jConfigurations;
import org.vaenodes.engine.network.NdArrays;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.network.Pass;
import org.vaenodes.engine.spec.AdamHyperparameters;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.TrainerChoice;

/**
 * Training steps by DL4J itself: each batch is one {@code pretrainLayer} call of a DL4J network over the
 * network's parameters (its unsupervised fit of the VariationalAutoencoder layer with DL4J's Adam). The reference
 * trainer on the CPU and the GPU trainer for every model DL4J supports. DL4J draws the noise ε from ND4J's generator
 * of the engine thread, which is seeded here from the training seed, so runs repeat on the CPU.
 *
 * <p>The per-batch sums: DL4J's score is −ELBO per row before the update (for the L2 wrapper without the constant
 * D/2·ln π, added here); the KL term is computed from the same parameters by our encoder and the reconstruction
 * term is the difference. Evaluation, the finiteness check and the best weights are the ND4J path's.
 */
public final class Dl4jTrainingSteps extends Nd4jEvaluatedSteps {

    private final Network network;
    private final float[] data;
    private final boolean binarize;
    private final MultiLayerNetwork net;
    private final Random binarizeNoise;
    private final double[] sums = new double[3];

    public Dl4jTrainingSteps(Network network, float[] data, double learningRate, int batchSize, long seed,
            boolean binarize) {
        super(new Nd4jEvaluation(trainable(network), data, null, seed));
        this.network = network;
        this.data = data;
        this.binarize = binarize;
        net = new MultiLayerNetwork(Dl4jConfigurations.of(network.config(), network.dtype(), learningRate, seed,
                AdamHyperparameters.EPSILON / batchSize));
        net.init(network.params(), false);
        Nd4j.getRandom().setSeed(Network.derivedSeed(seed, 1));
        binarizeNoise = Nd4j.getRandomFactory().getNewRandomInstance(Network.derivedSeed(seed, 3));
    }

    /** The network, if DL4J's trainer can train it; else an IllegalArgumentException saying why not. */
    private static Network trainable(Network network) {
        String why = TrainerChoice.DL4J.whyNot(network.config());
        if (why != null) {
            throw new IllegalArgumentException("DL4J's trainer cannot train this model: " + why);
        }
        return network;
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
        network.math().runEncoder(p);
        double kl;
        try (INDArray k = network.math().klRows(p)) {
            kl = k.sumNumber().doubleValue();
        }
        net.pretrainLayer(0, p.x);
        double constant = network.config().likelihood() == Likelihood.GAUSSIAN ? network.config().inputSize()
                * Network.HALF_LN_PI : 0;
        double objective = (net.getLayer(0).score() + constant) * n;
        sums[0] = objective;
        sums[1] = objective - kl;
        sums[2] = kl;
        return sums;
    }

    @Override
    public void close() {
        evaluation.close();
        Network.closeQuietly(binarizeNoise);
        // the training network's own off-heap arrays (Adam state, gradient); not net.close(), which would also free
        // the parameters, i.e. the Vae's
        INDArray state = net.getUpdater(false) == null ? null : net.getUpdater(false).getStateViewArray();
        NdArrays.free(state, net.getFlattenedGradients());
    }
}
