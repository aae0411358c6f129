package org.vaenodes.engine.network;

import org.vaenodes.engine.spec.VaeConfig;

/** Where each layer of a VAE lives in its flat parameter vector. */
public final class VaeLayout {

    private VaeLayout() {
    }

    /**
     * The layers' places in the flat parameter vector, in DL4J's order: encoder hidden layers, μ head, log σ² head,
     * decoder hidden layers, output layer.
     */
    public static Dense[] of(VaeConfig config) {
        int[] enc = config.encoderHidden();
        int[] dec = config.decoderHidden();
        int c = config.numClasses();
        Dense[] layers = new Dense[enc.length + 2 + dec.length + 1];
        long off = 0;
        int in = config.inputSize();
        int k = 0;
        for (int i = 0; i < enc.length; i++) {
            layers[k] = new Dense(in, i == 0 ? c : 0, enc[i], off);
            off = layers[k++].end();
            in = enc[i];
        }
        int headClasses = enc.length == 0 ? c : 0;
        layers[k] = new Dense(in, headClasses, config.latentSize(), off);
        off = layers[k++].end();
        layers[k] = new Dense(in, headClasses, config.latentSize(), off);
        off = layers[k++].end();
        in = config.latentSize();
        for (int i = 0; i < dec.length; i++) {
            layers[k] = new Dense(in, i == 0 ? c : 0, dec[i], off);
            off = layers[k++].end();
            in = dec[i];
        }
        layers[k] = new Dense(in, dec.length == 0 ? c : 0, config.inputSize(), off);
        return layers;
    }
}
