package org.vaenodes.engine.backend;

import java.util.Locale;

/**
 * The operating system and processor the engine runs on, in the terms the platform-specific code needs: which
 * native-library names and loader flags apply, whether C environment calls exist, where CPU facts can be read.
 * Tests pass other platforms to exercise each path on one machine.
 *
 * @param os   {@code os.name} as Java reports it, e.g. "Linux", "Windows 11", "Mac OS X"
 * @param arch {@code os.arch}, e.g. "amd64", "x86_64", "aarch64"
 */
public record Platform(String os, String arch) {

    /** The platform of this JVM. */
    public static Platform current() {
        return new Platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    public boolean isLinux() {
        return os.toLowerCase(Locale.ROOT).startsWith("linux");
    }

    public boolean isWindows() {
        return os.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    public boolean isMac() {
        String o = os.toLowerCase(Locale.ROOT);
        return o.startsWith("mac") || o.startsWith("darwin");
    }

    public boolean isX86_64() {
        return arch.equals("amd64") || arch.equals("x86_64");
    }

    public boolean isArm64() {
        return arch.equals("aarch64") || arch.equals("arm64");
    }

    /** JavaCPP's and ND4J's name of this platform (their native jars' classifier), or null if they ship none. */
    public String nativeClassifier() {
        String a = isX86_64() ? "x86_64" : isArm64() ? "arm64" : null;
        if (a == null) {
            return null;
        }
        return isLinux() ? "linux-" + a : isMac() ? "macosx-" + a : isWindows() && a.equals("x86_64")
                ? "windows-x86_64" : null;
    }

    /** Whether the C library's setenv/unsetenv/getenv exist (every Unix; Windows has other calls). */
    public boolean hasPosixEnvironment() {
        return isLinux() || isMac();
    }

    /** The file name under which the bundled OpenBLAS is loaded into the process, or null where it is not asked. */
    public String openBlasLibraryName() {
        return isLinux() ? "libopenblas.so.0" : isMac() ? "libopenblas.0.dylib" : null;
    }

    /**
     * dlopen flags that find an already loaded library and never load one: RTLD_LAZY | RTLD_NOLOAD, whose values
     * differ between glibc (0x1 | 0x4) and macOS (0x1 | 0x10); 0 where there is no dlopen.
     */
    public int dlopenNoLoadFlags() {
        return isLinux() ? 0x1 | 0x4 : isMac() ? 0x1 | 0x10 : 0;
    }

    @Override
    public String toString() {
        return os + " " + arch;
    }
}
