package org.vaenodes.knime.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.vaenodes.engine.model.Encoding;
import org.vaenodes.knime.testing.TestModels;
import org.vaenodes.shim.ShimAccess;

/** The VAE model port object through KNIME's serializer path (class entry + our zip entry), as a workflow saves it. */
class VaeModelPortObjectTest {

    private static byte[] save(VaeModelPortObject po) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ShimAccess.savePortObject(po, out);
        return out.toByteArray();
    }

    private static VaeModelPortObjectSpec roundtripSpec(VaeModelPortObjectSpec spec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ShimAccess.savePortObjectSpec(spec, out);
        return (VaeModelPortObjectSpec) ShimAccess.loadPortObjectSpec(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void survivesSaveAndLoadWithIdenticalEncodings() throws Exception {
        for (VaeModelPortObject po : new VaeModelPortObject[] {TestModels.unconditional(), TestModels.conditional()}) {
            VaeModelPortObjectSpec spec = roundtripSpec(po.getSpec());
            VaeModelPortObject back =
                (VaeModelPortObject) ShimAccess.loadPortObject(new ByteArrayInputStream(save(po)), spec);
            assertNotSame(po.model().vae(), back.model().vae());
            assertEquals(po.model().config(), back.model().config());
            assertEquals(po.model().input(), back.model().input());
            assertEquals(po.model().history().size(), back.model().history().size());
            assertEquals(po.getSpec().describe(), back.getSpec().describe());
            assertEquals(po.getSpec().input(), back.getSpec().input());
            assertEquals(28, back.getSpec().imageRows());
            assertEquals(po.getSpec().isConditional(), back.getSpec().isConditional());

            int n = 50;
            float[] x = Arrays.copyOf(TestModels.pixels(), n * TestModels.D);
            int[] labels = po.getSpec().isConditional() ? Arrays.copyOf(TestModels.labels(), n) : null;
            Encoding a = po.model().vae().encode(x, n, labels);
            Encoding b = back.model().vae().encode(x, n, labels);
            assertArrayEquals(a.mu(), b.mu());
            assertArrayEquals(a.logVar(), b.logVar());
            assertArrayEquals(po.model().vae().decode(a.mu(), n, labels), back.model().vae().decode(b.mu(), n, labels));
        }
    }

    @Test
    void specRoundtripKeepsEverything() throws Exception {
        VaeModelPortObjectSpec spec = TestModels.conditional().getSpec();
        VaeModelPortObjectSpec back = roundtripSpec(spec);
        assertEquals(spec.input(), back.input());
        assertEquals(spec.latentSize(), back.latentSize());
        assertEquals(spec.likelihood(), back.likelihood());
        assertEquals(spec.backend(), back.backend());
        assertEquals(spec.imageCols(), back.imageCols());
        assertTrue(back.describe().contains("conditioned on 'Label'"), back.describe());
        assertTrue(back.whyNotDl4j().contains("conditional"), "whether DL4J can hold the model survives too");
        assertEquals(null, roundtripSpec(TestModels.unconditional().getSpec()).whyNotDl4j());
    }

    @Test
    void aForeignZipIsRefusedClearly() throws Exception {
        byte[] good = save(TestModels.unconditional());
        // corrupt the name of our entry: the loader must say what it expected
        String s = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] bad = s.replace(VaeModelPortObject.ENTRY, "vae-model.zzz").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        IOException e = assertThrows(IOException.class, () -> ShimAccess.loadPortObject(new ByteArrayInputStream(bad),
            TestModels.unconditional().getSpec()));
        assertTrue(e.getMessage().contains(VaeModelPortObject.ENTRY), e.getMessage());
    }
}
