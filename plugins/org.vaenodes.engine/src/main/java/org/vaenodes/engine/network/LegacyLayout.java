package org.vaenodes.engine.network;

import org.vaenodes.engine.spec.VaeConfig;

/**
 * The parameter layout of model files of format 1: per layer the weights [inputs × outputs] in row-major order,
 * then the bias. Format 2 uses DL4J's layout ({@link Dense}: column-major weights); this converts, so models saved
 * by the first release still load.
 */
public final class LegacyLayout {

    private LegacyLayout() {
    }

    /** The same parameters in DL4J's layout. */
    public static float[] toDl4jLayout(VaeConfig config, float[] rowMajor) {
        if (rowMajor.length != config.parameterCount()) {
            throw new IllegalArgumentException("Expected " + config.parameterCount() + " parameters, got "
                    + rowMajor.length);
        }
        float[] out = new float[rowMajor.length];
        for (Dense d : VaeLayout.of(config)) {
            int in = d.fanIn();
            int base = (int) d.offset;
            for (int i = 0; i < in; i++) {
                for (int j = 0; j < d.out; j++) {
                    out[base + j * in + i] = rowMajor[base + i * d.out + j];
                }
            }
            System.arraycopy(rowMajor, (int) d.biasOffset(), out, (int) d.biasOffset(), d.out);
        }
        return out;
    }
}
