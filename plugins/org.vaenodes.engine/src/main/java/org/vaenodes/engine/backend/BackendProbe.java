package org.vaenodes.engine.backend;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What this machine offers for CUDA, found without loading any native library (a failed native load can leave the
 * JVM in a bad state, and loading the CUDA driver initialises it).
 *
 * @param cudaBackendPresent ND4J's CUDA backend class {@value #CUDA_BACKEND_CLASS} is visible to the engine's class
 *                           loader (the "VAE Nodes — CUDA backend" feature is installed)
 * @param driverPresent      the NVIDIA driver library {@value #DRIVER_LIBRARY} exists in a library directory
 * @param cudaRuntimePresent the CUDA 11.6 runtime ({@value #CUDA_RUNTIME_LIBRARY}) is bundled with the CUDA backend
 *                           or installed in a library directory, and JavaCPP's CUDA presets are visible
 * @param driverDetail       where the driver was found, or where it was looked for
 * @param runtimeDetail      where the runtime was found, or what is missing
 */
public record BackendProbe(boolean cudaBackendPresent, boolean driverPresent, boolean cudaRuntimePresent,
        String driverDetail, String runtimeDetail) {

    /** ND4J's CUDA backend, in {@code nd4j-cuda-11.6.jar}. */
    public static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";
    /** ND4J's CPU backend, in {@code nd4j-native.jar}. */
    public static final String CPU_BACKEND_CLASS = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    /** JavaCPP's CUDA runtime bindings, needed by the CUDA backend. */
    public static final String CUDA_PRESETS_CLASS = "org.bytedeco.cuda.global.cudart";
    /** The NVIDIA driver's user-space library. */
    public static final String DRIVER_LIBRARY = "libcuda.so.1";
    /** The CUDA 11.x runtime library (soname of CUDA 11.6's libcudart). */
    public static final String CUDA_RUNTIME_LIBRARY = "libcudart.so.11.0";
    /** Where JavaCPP's redistributable CUDA jar ({@code cuda-…-linux-x86_64-redist.jar}) keeps the runtime. */
    public static final String BUNDLED_RUNTIME_RESOURCE = "org/bytedeco/cuda/linux-x86_64/" + CUDA_RUNTIME_LIBRARY;

    /** Directories searched for the driver, before {@code LD_LIBRARY_PATH} and {@code java.library.path}. */
    public static final List<String> DRIVER_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
            "/usr/local/nvidia/lib64", "/usr/local/nvidia/lib", "/usr/lib/wsl/lib");

    /** Extra directories searched for a system CUDA 11.6 runtime. */
    public static final List<String> CUDA_DIRS = List.of("/usr/local/cuda-11.6/lib64",
            "/usr/local/cuda-11.6/targets/x86_64-linux/lib", "/usr/local/cuda/lib64",
            "/usr/local/cuda/targets/x86_64-linux/lib");

    public BackendProbe {
        Objects.requireNonNull(driverDetail, "driverDetail");
        Objects.requireNonNull(runtimeDetail, "runtimeDetail");
    }

    /** A probe of this machine and the given class loader (the engine's). */
    public static BackendProbe detect(ClassLoader loader) {
        return detect(loader, libraryDirs(System.getenv("LD_LIBRARY_PATH"),
                System.getProperty("java.library.path")), System.getProperty("os.name", ""),
                System.getProperty("os.arch", ""));
    }

    /** A probe with explicit inputs (tests). */
    static BackendProbe detect(ClassLoader loader, List<Path> driverDirs, String osName, String osArch) {
        Platform platform = new Platform(osName, osArch);
        boolean linux64 = platform.isLinux() && platform.isX86_64();
        boolean backend = classPresent(CUDA_BACKEND_CLASS, loader);
        if (!linux64) {
            String why = "the CUDA backend of VAE Nodes supports Linux x86_64 only (this is " + osName + " "
                    + osArch + ")";
            return new BackendProbe(backend, false, false, why, why);
        }
        Optional<Path> driver = find(DRIVER_LIBRARY, driverDirs);
        String driverDetail = driver.map(p -> "found " + p).orElse(DRIVER_LIBRARY + " not found in "
                + driverDirs.stream().map(Path::toString).toList());

        boolean presets = classPresent(CUDA_PRESETS_CLASS, loader);
        boolean bundled = loader != null && loader.getResource(BUNDLED_RUNTIME_RESOURCE) != null;
        List<Path> cudaDirs = new ArrayList<>(driverDirs);
        CUDA_DIRS.forEach(d -> cudaDirs.add(Path.of(d)));
        Optional<Path> system = bundled ? Optional.empty() : find(CUDA_RUNTIME_LIBRARY, cudaDirs);
        String runtimeDetail;
        if (!presets) {
            runtimeDetail = "JavaCPP's CUDA presets (" + CUDA_PRESETS_CLASS + ") are not installed";
        } else if (bundled) {
            runtimeDetail = "CUDA 11.6 runtime bundled with the CUDA backend";
        } else if (system.isPresent()) {
            runtimeDetail = "CUDA runtime found at " + system.get();
        } else {
            runtimeDetail = CUDA_RUNTIME_LIBRARY + " is neither bundled with the CUDA backend nor installed in "
                    + cudaDirs.stream().map(Path::toString).toList();
        }
        return new BackendProbe(backend, driver.isPresent(), presets && (bundled || system.isPresent()),
                driverDetail, runtimeDetail);
    }

    /**
     * The driver search path: {@link #DRIVER_DIRS}, then the entries of {@code LD_LIBRARY_PATH} and
     * {@code java.library.path} (either may be null).
     */
    static List<Path> libraryDirs(String ldLibraryPath, String javaLibraryPath) {
        Set<String> dirs = new LinkedHashSet<>(DRIVER_DIRS);
        for (String path : new String[] {ldLibraryPath, javaLibraryPath}) {
            if (path != null) {
                for (String e : path.split(File.pathSeparator)) {
                    if (!e.isBlank()) {
                        dirs.add(e.trim());
                    }
                }
            }
        }
        return dirs.stream().map(Path::of).toList();
    }

    static boolean classPresent(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Optional<Path> find(String file, List<Path> dirs) {
        for (Path d : dirs) {
            try {
                Path p = d.resolve(file);
                if (Files.exists(p)) {
                    return Optional.of(p);
                }
            } catch (RuntimeException e) {
                // unusable entry (invalid path): skip
            }
        }
        return Optional.empty();
    }
}
