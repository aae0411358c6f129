package org.vaenodes.engine.train;

import org.vaenodes.engine.data.BuiltInSample;
import org.vaenodes.engine.model.RowScores;
import org.vaenodes.engine.model.Vae;
import org.vaenodes.engine.spec.VaeConfig;

/** Measurement (not a unit test): 784-400-20 Bernoulli on the 9,000/1,000 built-in split. Args: epochs seed. */
public final class MnistBench {

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        Digits train = Digits.load(BuiltInSample.Split.TRAIN, 9000);
        Digits test = Digits.load(BuiltInSample.Split.TEST, 1000);
        VaeConfig cfg = VaeConfig.of(784, new int[] {400}, 20).withImageShape(28, 28);
        TrainingResult r = Trainer.train(cfg, train.data(false), TrainingConfig.defaults(epochs, seed),
                new TrainingListener() {
                    @Override
                    public void onEpoch(EpochStats s) {
                        System.out.printf("epoch %d  train -ELBO %.2f (recon %.2f, KL %.2f)  %.3f s%n", s.epoch(),
                                s.trainNegElbo(), s.trainRecon(), s.trainKl(), s.seconds());
                    }
                }, null);
        Vae vae = r.model();
        long t = System.nanoTime();
        RowScores sc = vae.evaluate(test.x, test.n, null, 123);
        System.out.printf("test -ELBO %.2f (eval %.3f s)  backend %s%n", sc.meanNegElbo(),
                (System.nanoTime() - t) / 1e9, r.backend());
        System.exit(0);
    }
}
