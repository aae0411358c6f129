package org.vaenodes.engine.model;

/**
 * The encoder's output for {@code rows} inputs: the posterior mean μ and log-variance log σ², each row-major
 * rows × latentSize.
 */
public record Encoding(float[] mu, float[] logVar, int rows, int latentSize) {

    public Encoding {
        if (mu.length != (long) rows * latentSize || logVar.length != mu.length) {
            throw new IllegalArgumentException("μ and log σ² must each hold rows × latentSize = " + rows + " × "
                    + latentSize + " values");
        }
    }
}
