package org.vaenodes.engine.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.vaenodes.engine.concurrent.EngineThread;
import org.vaenodes.engine.network.GradientCheckTest;
import org.vaenodes.engine.network.Network;
import org.vaenodes.engine.network.Pass;
import org.vaenodes.engine.spec.Activation;
import org.vaenodes.engine.spec.Likelihood;
import org.vaenodes.engine.spec.VaeConfig;

/** Compares the hand-written backward pass with central finite differences, in double precision. */
public class GradientCheckTest {

    public static Stream<Arguments> configs() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Activation a : Activation.values()) {
            for (Likelihood l : Likelihood.values()) {
                b.add(Arguments.of(new VaeConfig(6, 2, 3, 1, new int[] {5, 4}, new int[] {3}, 2, a, l, 0.7, 3, false)));
            }
        }
        // unconditional, mirrored decoder
        b.add(Arguments.of(new VaeConfig(6, 0, 0, 0, new int[] {4}, null, 3, Activation.TANH, Likelihood.BERNOULLI,
                1.0, 0, false)));
        // no hidden layers at all, conditional: labels go into the heads and the output layer
        b.add(Arguments.of(new VaeConfig(5, 0, 0, 0, new int[0], null, 2, Activation.RELU, Likelihood.GAUSSIAN,
                2.5, 4, false)));
        // β = 0
        b.add(Arguments.of(new VaeConfig(5, 0, 0, 0, new int[] {4}, null, 2, Activation.ELU, Likelihood.BERNOULLI,
                0.0, 0, false)));
        return b.build();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void backwardMatchesFiniteDifferences(VaeConfig cfg) {
        double worst = EngineThread.supply(() -> check(cfg));
        assertTrue(worst < 1e-5, "largest relative gradient error " + worst + " for " + cfg);
    }

    private static double check(VaeConfig cfg) {
        Network vae = Network.createDouble(cfg, 7);
        int rows = 4;
        Random r = new Random(3);
        float[] x = new float[rows * cfg.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = cfg.likelihood() == Likelihood.BERNOULLI ? r.nextFloat() : (float) r.nextGaussian();
        }
        int[] labels = null;
        if (cfg.numClasses() > 0) {
            labels = new int[rows];
            for (int i = 0; i < rows; i++) {
                labels[i] = r.nextInt(cfg.numClasses());
            }
        }
        try (Pass p = new Pass(vae, rows, true)) {
            p.loadX(x, 0, rows);
            p.loadLabels(labels, 0, rows);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cfg.latentSize(); j++) {
                    p.eps.putScalar(i, j, r.nextGaussian());
                }
            }
            INDArray grad = Nd4j.create(vae.dtype(), 1, vae.paramCount());
            vae.math().forward(p, true);
            vae.math().backward(p, vae.bindAll(grad));
            double worst = 0;
            double h = 1e-6;
            for (long i = 0; i < vae.paramCount(); i++) {
                double orig = vae.params().getDouble(0, i);
                vae.params().putScalar(0, i, orig + h);
                double up = objective(vae, p);
                vae.params().putScalar(0, i, orig - h);
                double down = objective(vae, p);
                vae.params().putScalar(0, i, orig);
                double numeric = (up - down) / (2 * h);
                double analytic = grad.getDouble(0, i);
                double err = Math.abs(numeric - analytic) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic));
                worst = Math.max(worst, err);
            }
            return worst;
        }
    }

    private static double objective(Network vae, Pass p) {
        vae.math().forward(p, true);
        try (INDArray rec = vae.math().reconRows(p); INDArray kl = vae.math().klRows(p)) {
            return rec.sumNumber().doubleValue() + vae.config().beta() * kl.sumNumber().doubleValue();
        }
    }
}
