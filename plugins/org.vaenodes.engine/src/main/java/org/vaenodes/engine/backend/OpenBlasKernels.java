package org.vaenodes.engine.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;

/**
 * Chooses the CPU kernels of the OpenBLAS that ND4J's CPU backend bundles (0.3.19, built for many CPUs at once), before
 * that library loads.
 *
 * <p>Why: that OpenBLAS picks its kernels by CPU model, and it predates AMD's AVX-512 processors (Zen 4 and later):
 * on them it falls back to its AVX2 "Zen" kernels. Its AVX-512 kernels ("SkylakeX") run this project's matrix
 * products 20–25 % faster there (bench/README.md). OpenBLAS reads its choice from the environment variable
 * {@value #ENV} once, when it loads; a KNIME user cannot set environment variables for the running workbench, so
 * the engine sets it in its own process ({@link ProcessSettings}) just before ND4J starts, and removes it after. Intel CPUs with AVX-512
 * are already recognised by that OpenBLAS, and every other CPU keeps OpenBLAS's own choice.
 *
 * <p>Control: the system property {@value #PROPERTY} ({@code auto} by default; {@code off} keeps OpenBLAS's own
 * choice; any other value is passed on as the core type, e.g. {@code Haswell}). A value of {@value #ENV} that the
 * user set is never overridden.
 */
public final class OpenBlasKernels {

    /** System property: auto (default), off, or an OpenBLAS core type name. */
    public static final String PROPERTY = "vaenodes.openblas.coretype";
    /** The environment variable OpenBLAS reads at load time. */
    static final String ENV = "OPENBLAS_CORETYPE";
    /** OpenBLAS's name for its AVX-512 kernels. */
    static final String AVX512_CORE = "SkylakeX";
    /** What those kernels need (Linux leaves these flags out of /proc/cpuinfo unless it enabled AVX-512). */
    static final List<String> AVX512_FLAGS = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    private OpenBlasKernels() {
    }

    /**
     * What to do.
     *
     * @param setCoreType the core type to put into {@value #ENV}, or null to leave the environment alone
     * @param reason      in words, for the log and the backend status
     */
    record Decision(String setCoreType, String reason) {
    }

    /**
     * The decision from the inputs alone (no side effects).
     *
     * @param envValue the current value of {@value #ENV}, or null
     * @param property the value of {@value #PROPERTY}, or null
     * @param cpuInfo  the text of /proc/cpuinfo, or null where there is none (not Linux)
     */
    static Decision decide(String envValue, String property, String cpuInfo) {
        if (envValue != null && !envValue.isBlank()) {
            return new Decision(null, ENV + "=" + envValue + " set by the user");
        }
        String p = property == null ? "auto" : property.trim();
        if (p.equalsIgnoreCase("off")) {
            return new Decision(null, "OpenBLAS's own choice (-D" + PROPERTY + "=off)");
        }
        if (!p.isEmpty() && !p.equalsIgnoreCase("auto")) {
            return new Decision(p, p + " requested by -D" + PROPERTY);
        }
        if (cpuInfo == null) {
            return new Decision(null, "OpenBLAS's own choice (CPU features are read on Linux only)");
        }
        String vendor = firstValue(cpuInfo, "vendor_id");
        Set<String> flags = new HashSet<>(Arrays.asList(firstValue(cpuInfo, "flags").split("\\s+")));
        boolean amd = vendor.equals("AuthenticAMD") || vendor.equals("HygonGenuine");
        if (amd && flags.containsAll(AVX512_FLAGS)) {
            return new Decision(AVX512_CORE, "AVX-512 kernels for this AMD CPU, which the bundled OpenBLAS 0.3.19 "
                    + "does not recognise");
        }
        return new Decision(null, "OpenBLAS's own choice for this CPU");
    }

    private static String firstValue(String cpuInfo, String key) {
        for (String line : cpuInfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    /** The decision for this machine and JVM ({@link ProcessSettings} carries it out). */
    static Decision decide() {
        return decideOn(Platform.current(), System.getenv(ENV), System.getProperty(PROPERTY));
    }

    /**
     * The decision on {@code platform}: CPU facts come from /proc/cpuinfo on Linux only, and the variable can only be
     * set where the C library's setenv exists (not on Windows, where OpenBLAS keeps its own choice).
     */
    static Decision decideOn(Platform platform, String envValue, String property) {
        Decision d = decide(envValue, property, platform.isLinux() ? linuxCpuInfo() : null);
        if (d.setCoreType() != null && !platform.hasPosixEnvironment()) {
            return new Decision(null, "OpenBLAS's own choice (" + ENV + " cannot be set from Java on " + platform
                    + ")");
        }
        return d;
    }

    private static String linuxCpuInfo() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The kernels the loaded OpenBLAS uses (e.g. "SkylakeX", "Zen"), or null if OpenBLAS is not loaded or cannot be
     * asked. Looks the library up by its file name with RTLD_NOLOAD: that finds the copy already in the process and
     * never loads another one (a system OpenBLAS, say).
     */
    public static String activeCoreName() {
        return activeCoreName(Platform.current());
    }

    /** As {@link #activeCoreName()}; null where the library is not looked up (Windows: no dlopen). */
    static String activeCoreName(Platform platform) {
        String file = platform.openBlasLibraryName();
        if (file == null) {
            return null;
        }
        try {
            NativeLibrary lib = NativeLibrary.getInstance(file,
                    Map.of(Library.OPTION_OPEN_FLAGS, platform.dlopenNoLoadFlags()));
            Function f = lib.getFunction("openblas_get_corename");
            String name = f.invokeString(new Object[0], false);
            return name == null ? null : name.trim();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
