package org.vaenodes.knime.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.vaenodes.engine.model.Encoding;
import org.vaenodes.knime.testing.TestModels;
import org.vaenodes.shim.harness.ShimAccess;

/** The VAE model port object through KNIME's serializer path (class entry + our zip entry), as a workflow saves it. */
class VaeModelPortObjectTest {

    /**
     * The port zip's entries, name and content (hex): what a save writes, without the entries' modification times
     * (the port stream stamps them with the clock, so two saves a second apart differ in those bytes alone).
     */
    private static java.util.Map<String, String> entries(byte[] zip) throws IOException {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), java.util.HexFormat.of().formatHex(in.readAllBytes()));
            }
        }
        return out;
    }

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
    void aLoadChecksTheArchiveAndBuildsTheNetworkOnlyWhenUsed() throws Exception {
        VaeModelPortObject po = TestModels.unconditional();
        byte[] saved = save(po);
        VaeModelPortObject back = (VaeModelPortObject) ShimAccess.loadPortObject(new ByteArrayInputStream(saved),
            roundtripSpec(po.getSpec()));
        assertFalse(back.networkBuilt(), "a load alone builds no network");
        assertEquals(entries(saved), entries(save(back)), "saved again before any use: the archive as loaded");
        assertFalse(back.networkBuilt());
        assertArrayEquals(po.model().vae().parameters(), back.model().vae().parameters());
        assertTrue(back.networkBuilt());
        assertEquals(entries(saved), entries(save(back)), "saved again after use: the same entries");

        byte[] noParameters = withInnerEntryRemoved(saved, "coefficients.bin");
        IOException e = assertThrows(IOException.class, () -> ShimAccess.loadPortObject(
            new ByteArrayInputStream(noParameters), roundtripSpec(po.getSpec())), "a damaged archive fails the load");
        assertTrue(e.getMessage().contains("holds no parameters"), e.getMessage());
    }

    /** The saved port object with one entry taken out of the model archive inside it. */
    private static byte[] withInnerEntryRemoved(byte[] saved, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(saved));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                byte[] data = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(e.getName().equals(VaeModelPortObject.ENTRY) ? archiveWithout(data, name) : data);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] archiveWithout(byte[] archive, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean removed = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(name)) {
                    removed = true;
                    continue;
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(data);
                zip.closeEntry();
            }
        }
        assertTrue(removed, "the archive has no " + name);
        return out.toByteArray();
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
