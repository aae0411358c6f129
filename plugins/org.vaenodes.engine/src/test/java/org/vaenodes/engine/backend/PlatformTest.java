package org.vaenodes.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The engine's platform-specific paths, each exercised with its platform faked (only Linux x86_64 runs here). */
class PlatformTest {

    private static final Platform LINUX = new Platform("Linux", "amd64");
    private static final Platform LINUX_ARM = new Platform("Linux", "aarch64");
    private static final Platform WINDOWS = new Platform("Windows 11", "amd64");
    private static final Platform MAC_INTEL = new Platform("Mac OS X", "x86_64");
    private static final Platform MAC_ARM = new Platform("Mac OS X", "aarch64");

    @Test
    void nativeClassifiersAreNd4jsAndJavaCppsNames() {
        assertEquals("linux-x86_64", LINUX.nativeClassifier());
        assertEquals("linux-arm64", LINUX_ARM.nativeClassifier());
        assertEquals("windows-x86_64", WINDOWS.nativeClassifier());
        assertEquals("macosx-x86_64", MAC_INTEL.nativeClassifier());
        assertEquals("macosx-arm64", MAC_ARM.nativeClassifier());
        assertNull(new Platform("Windows 11", "aarch64").nativeClassifier(), "ND4J ships no Windows arm64 natives");
        assertNull(new Platform("Linux", "ppc64le").nativeClassifier());
    }

    @Test
    void openBlasCoreTypeIsSetOnlyWhereTheCLibraryCanSetIt() {
        OpenBlasKernels.Decision linux = OpenBlasKernels.decideOn(LINUX, null, "Haswell");
        assertEquals("Haswell", linux.setCoreType());
        assertEquals("NEOVERSEN1", OpenBlasKernels.decideOn(MAC_ARM, null, "NEOVERSEN1").setCoreType());
        OpenBlasKernels.Decision windows = OpenBlasKernels.decideOn(WINDOWS, null, "Haswell");
        assertNull(windows.setCoreType(), "no setenv on Windows");
        assertTrue(windows.reason().contains("cannot be set") && windows.reason().contains("Windows"),
            windows.reason());
        OpenBlasKernels.Decision mac = OpenBlasKernels.decideOn(MAC_INTEL, null, null);
        assertNull(mac.setCoreType());
        assertTrue(mac.reason().contains("Linux only"), "CPU facts come from /proc on Linux only: " + mac.reason());
        assertTrue(OpenBlasKernels.decideOn(WINDOWS, "Zen", null).reason().contains("set by the user"));
    }

    @Test
    void theLoadedOpenBlasIsLookedUpByEachSystemsNameAndNeverLoaded() {
        assertEquals("libopenblas.so.0", LINUX.openBlasLibraryName());
        assertEquals("libopenblas.0.dylib", MAC_ARM.openBlasLibraryName());
        assertNull(WINDOWS.openBlasLibraryName(), "Windows has no dlopen with RTLD_NOLOAD: not asked");
        assertNull(OpenBlasKernels.activeCoreName(WINDOWS));
        assertEquals(0x5, LINUX.dlopenNoLoadFlags());
        assertEquals(0x11, MAC_INTEL.dlopenNoLoadFlags());
        assertTrue(LINUX.hasPosixEnvironment() && MAC_ARM.hasPosixEnvironment());
        assertFalse(WINDOWS.hasPosixEnvironment());
    }

    @Test
    void cudaIsOfferedOnLinuxX8664OnlyAndRefusedElsewhereWithTheReason() {
        for (Platform p : new Platform[] {WINDOWS, MAC_ARM, MAC_INTEL, LINUX_ARM}) {
            BackendProbe probe = BackendProbe.detect(PlatformTest.class.getClassLoader(), java.util.List.of(), p.os(),
                p.arch());
            assertFalse(probe.driverPresent() || probe.cudaRuntimePresent(), p.toString());
            assertTrue(probe.driverDetail().contains("Linux x86_64 only") && probe.driverDetail().contains(p.os()),
                probe.driverDetail());
        }
    }
}
