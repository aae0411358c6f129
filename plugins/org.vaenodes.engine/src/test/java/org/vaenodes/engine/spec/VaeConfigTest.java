package org.vaenodes.engine.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VaeConfigTest {

    @Test
    void parsesLayers() {
        assertArrayEquals(new int[] {400}, VaeConfig.parseLayers("400"));
        assertArrayEquals(new int[] {256, 128}, VaeConfig.parseLayers(" 256, 128 "));
        assertArrayEquals(new int[0], VaeConfig.parseLayers(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VaeConfig.parseLayers("256,abc"));
        assertTrue(e.getMessage().contains("\"abc\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VaeConfig.parseLayers("0"));
    }

    @Test
    void mirrorsDecoderAndCountsParameters() {
        VaeConfig c = VaeConfig.of(784, new int[] {256, 128}, 20);
        assertArrayEquals(new int[] {128, 256}, c.decoderHidden());
        // PyTorch example 784-400-20: 784*400+400 + 2*(400*20+20) + 20*400+400 + 400*784+784
        assertEquals(652_824, VaeConfig.of(784, new int[] {400}, 20).parameterCount());
    }

    @Test
    void validates() {
        assertThrows(IllegalArgumentException.class, () -> VaeConfig.of(784, new int[] {400}, 20)
                .withImageShape(28, 27));
        assertThrows(IllegalArgumentException.class, () -> VaeConfig.of(784, new int[] {400}, 0));
        assertThrows(IllegalArgumentException.class, () -> VaeConfig.of(784, new int[] {400}, 2).withBeta(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VaeConfig
                .of(784, new int[] {400}, 2).withLikelihood(Likelihood.GAUSSIAN).withBinarize(true));
        assertTrue(e.getMessage().contains("Bernoulli"), e.getMessage());
    }
}
