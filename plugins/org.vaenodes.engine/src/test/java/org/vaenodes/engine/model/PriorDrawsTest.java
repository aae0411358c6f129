package org.vaenodes.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The engine's rules that nodes rely on for reproducible outputs: prior draws and per-chunk seeds. */
class PriorDrawsTest {

    @Test
    void chunkedDrawsEqualOneWholeDraw() {
        float[] whole = new PriorDraws(7, 3).next(10);
        PriorDraws chunked = new PriorDraws(7, 3);
        float[] a = chunked.next(4);
        float[] b = chunked.next(6);
        float[] joined = Arrays.copyOf(a, 30);
        System.arraycopy(b, 0, joined, 12, 18);
        assertArrayEquals(whole, joined);
        assertEquals(30, whole.length);
    }

    @Test
    void chunkSeedsDifferByChunkAndUseAndRepeatForTheSameArguments() {
        assertEquals(Vae.chunkSeed(5, 2, 1), Vae.chunkSeed(5, 2, 1));
        assertNotEquals(Vae.chunkSeed(5, 2, 1), Vae.chunkSeed(5, 3, 1));
        assertNotEquals(Vae.chunkSeed(5, 2, 1), Vae.chunkSeed(5, 2, 2));
        assertNotEquals(Vae.chunkSeed(5, 2, 1), Vae.chunkSeed(6, 2, 1));
    }
}
