import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A plain DL4J program, run by the engine's tests in a JVM of its own with only DL4J 1.0.0-M2.1 and its
 * dependencies on the class path (none of VAE Nodes' classes): loads a model file with ModelSerializer and writes
 * the encoder means of the given rows.
 *
 * Usage: java -cp 'lib/*' PlainDl4jEncode.java model.zip rows width input.bin output.bin
 * (input and output: big-endian float32, row-major)
 */
public class PlainDl4jEncode {
    public static void main(String[] args) throws Exception {
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(new File(args[0]));
        int rows = Integer.parseInt(args[1]);
        int width = Integer.parseInt(args[2]);
        float[] x = new float[rows * width];
        try (DataInputStream in = new DataInputStream(new FileInputStream(args[3]))) {
            for (int i = 0; i < x.length; i++) {
                x[i] = in.readFloat();
            }
        }
        INDArray mu = net.output(Nd4j.create(x, new long[] {rows, width}, 'c'));
        try (DataOutputStream out = new DataOutputStream(new FileOutputStream(args[4]))) {
            for (float v : mu.dup('c').data().asFloat()) {
                out.writeFloat(v);
            }
        }
        System.out.println("layers=" + net.getnLayers() + " layer0=" + net.getLayer(0).getClass().getName());
    }
}
