package org.vaenodes.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The choice of OpenBLAS kernels: AVX-512 kernels exactly for AMD CPUs with AVX-512 (which the bundled OpenBLAS does
 * not recognise), never against the user's own setting; and on this machine, the kernels actually loaded.
 */
class OpenBlasKernelsTest {

    private static final String AVX512 = "fpu sse sse2 avx avx2 fma avx512f avx512dq avx512cd avx512bw avx512vl";

    private static String cpuInfo(String vendor, String flags) {
        // two processors, as /proc/cpuinfo lists them; the first one's lines count
        String one = "processor\t: 0\nvendor_id\t: " + vendor + "\ncpu family\t: 25\nflags\t\t: " + flags + "\n\n";
        return one + one.replace("processor\t: 0", "processor\t: 1");
    }

    @Test
    void amdWithAvx512GetsTheAvx512Kernels() {
        OpenBlasKernels.Decision d = OpenBlasKernels.decide(null, null, cpuInfo("AuthenticAMD", AVX512));
        assertEquals("SkylakeX", d.setCoreType());
        assertTrue(d.reason().contains("AMD"), d.reason());
        assertEquals("SkylakeX", OpenBlasKernels.decide("", "auto", cpuInfo("AuthenticAMD", AVX512)).setCoreType());
    }

    @Test
    void otherCpusKeepOpenBlasOwnChoice() {
        // AMD without AVX-512 (Zen 3): the AVX2 kernels OpenBLAS picks are right
        assertNull(OpenBlasKernels.decide(null, null, cpuInfo("AuthenticAMD", "fpu sse avx avx2 fma"))
                .setCoreType());
        // AVX-512 only partly enabled: the kernels would fault
        assertNull(OpenBlasKernels.decide(null, null, cpuInfo("AuthenticAMD", "avx2 avx512f avx512cd")).setCoreType());
        // Intel with AVX-512 is recognised by OpenBLAS itself
        assertNull(OpenBlasKernels.decide(null, null, cpuInfo("GenuineIntel", AVX512)).setCoreType());
        // not Linux
        OpenBlasKernels.Decision none = OpenBlasKernels.decide(null, null, null);
        assertNull(none.setCoreType());
        assertTrue(none.reason().contains("Linux"), none.reason());
    }

    @Test
    void theUsersSettingsWin() {
        String zen4 = cpuInfo("AuthenticAMD", AVX512);
        OpenBlasKernels.Decision env = OpenBlasKernels.decide("Haswell", "SkylakeX", zen4);
        assertNull(env.setCoreType(), "a value in the environment is never overridden");
        assertTrue(env.reason().contains("OPENBLAS_CORETYPE=Haswell"), env.reason());
        assertNull(OpenBlasKernels.decide(null, "off", zen4).setCoreType());
        assertEquals("Haswell", OpenBlasKernels.decide(null, " Haswell ", zen4).setCoreType());
        assertEquals("Zen", OpenBlasKernels.decide(null, "Zen", cpuInfo("GenuineIntel", AVX512)).setCoreType());
    }

    @Test
    void theLoadedOpenBlasUsesTheChosenKernels() throws IOException {
        BackendStatus s = Nd4jRuntime.ensureStarted(BackendChoice.AUTO);
        String core = OpenBlasKernels.activeCoreName();
        assertNotNull(core, "the OpenBLAS of ND4J's CPU backend must be found in the process");
        assertTrue(s.device().contains("OpenBLAS " + core + " kernels"), s.device());
        Path proc = Path.of("/proc/cpuinfo");
        String info = Files.isReadable(proc) ? Files.readString(proc) : null;
        OpenBlasKernels.Decision d = OpenBlasKernels.decide(System.getenv("OPENBLAS_CORETYPE"),
                System.getProperty(OpenBlasKernels.PROPERTY), info);
        if (d.setCoreType() != null) {
            // e.g. this project's AMD EPYC (Zen 4) machines: without the choice OpenBLAS would run "Zen" kernels
            assertEquals(d.setCoreType().toLowerCase(), core.toLowerCase());
        }
    }

    @Test
    void processChangesAreListedAndTheCoreTypeDoesNotOutliveTheStart() {
        Nd4jRuntime.ensureStarted(BackendChoice.AUTO);
        java.util.List<String> changes = ProcessSettings.changes();
        assertTrue(changes.stream().anyMatch(c -> c.startsWith("ND4J class loader")), changes.toString());
        if (System.getenv("OMP_NUM_THREADS") == null) {
            // ND4J's spinning operation workers would take the cores from OpenBLAS's products
            assertTrue(changes.stream().anyMatch(c -> c.startsWith("ND4J operation threads 1")), changes.toString());
            assertEquals(1, org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads());
        }
        String userValue = System.getenv(OpenBlasKernels.ENV); // the environment this JVM started with
        String now = com.sun.jna.platform.unix.LibC.INSTANCE.getenv(OpenBlasKernels.ENV);
        if (changes.stream().anyMatch(c -> c.startsWith(OpenBlasKernels.ENV))) {
            System.out.println("this machine: the engine set " + OpenBlasKernels.ENV + "; it must be gone now");
            assertTrue(changes.stream().anyMatch(c -> c.contains("removed again")), changes.toString());
            assertEquals(null, now, OpenBlasKernels.ENV + " must not outlive ND4J's start");
        } else {
            System.out.println("this machine: the engine left " + OpenBlasKernels.ENV + " alone (" + userValue + ")");
            assertEquals(userValue, now, "a value the user set is never changed");
        }
    }
}
