package org.vaenodes.engine.spec;

/**
 * The decoder's output distribution p(x | z), which fixes the reconstruction term of the loss.
 */
public enum Likelihood {
    /**
     * Independent Bernoulli per input value; the decoder outputs logits, the mean is sigmoid(logit), and the
     * reconstruction term is the binary cross-entropy with logits summed over the D values (also used for grey
     * values in [0, 1], as in the PyTorch VAE example). Inputs must lie in [0, 1].
     */
    BERNOULLI,
    /**
     * Independent Gaussian per input value with the decoder output as mean and a fixed variance of ½. Then
     * −log p(x | z) = Σ (x − mean)² + D/2·ln π: the sum of squared errors plus a constant, so training minimises
     * the SSE (like PyTorch's {@code mse_loss(reduction='sum')}) while the reported numbers are true nats.
     */
    GAUSSIAN
}
