package org.vaenodes.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader given to ND4J hides exactly the other backend's service entries; built on small jars of our own. */
class BackendFilteringClassLoaderTest {

    @TempDir
    Path dir;

    static final String LICENCE_HEADER = "# a comment like ND4J's licence header\n#\n\n";

    private Path jar(String name, String... entries) throws IOException {
        Path p = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(p))) {
            for (int i = 0; i < entries.length; i += 2) {
                out.putNextEntry(new JarEntry(entries[i]));
                out.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return p;
    }

    private URLClassLoader fakeInstall() throws IOException {
        Path cpu = jar("nd4j-native-1.0.0-M2.1.jar", BackendFilteringClassLoader.SERVICE,
                LICENCE_HEADER + BackendProbe.CPU_BACKEND_CLASS + "\n", "cpu.txt", "cpu");
        Path cuda = jar("nd4j-cuda-11.6-1.0.0-M2.1.jar", BackendFilteringClassLoader.SERVICE,
                LICENCE_HEADER + BackendProbe.CUDA_BACKEND_CLASS + "  # trailing comment\n", "cuda.txt", "cuda");
        // as in OSGi, where URLs do not name the jar: only the content tells the backend
        Path anonymousCuda = jar("lib-17.jar", BackendFilteringClassLoader.SERVICE,
                BackendProbe.CUDA_BACKEND_CLASS + "\n");
        Path anonymousCpu = jar("lib-18.jar", BackendFilteringClassLoader.SERVICE,
                BackendProbe.CPU_BACKEND_CLASS + "\n");
        Path other = jar("other.jar", "META-INF/services/some.other.Service", "x.Y\n");
        return new URLClassLoader(new URL[] {cpu.toUri().toURL(), cuda.toUri().toURL(),
            anonymousCuda.toUri().toURL(), anonymousCpu.toUri().toURL(), other.toUri().toURL()}, null);
    }

    private static List<String> providers(ClassLoader l) throws IOException {
        List<String> all = new ArrayList<>();
        for (URL u : Collections.list(l.getResources(BackendFilteringClassLoader.SERVICE))) {
            all.addAll(BackendFilteringClassLoader.providers(u));
        }
        return all;
    }

    @Test
    void cpuHidesCudaEntriesAndCudaHidesCpuEntries() throws IOException {
        try (URLClassLoader parent = fakeInstall()) {
            assertEquals(List.of(BackendProbe.CPU_BACKEND_CLASS, BackendProbe.CUDA_BACKEND_CLASS,
                    BackendProbe.CUDA_BACKEND_CLASS, BackendProbe.CPU_BACKEND_CLASS), providers(parent));

            BackendFilteringClassLoader cpu = new BackendFilteringClassLoader(parent, BackendChoice.CPU);
            assertEquals(List.of(BackendProbe.CPU_BACKEND_CLASS, BackendProbe.CPU_BACKEND_CLASS), providers(cpu));
            assertTrue(cpu.getResource(BackendFilteringClassLoader.SERVICE).toString()
                    .contains("nd4j-native-1.0.0-M2.1.jar!/"));

            BackendFilteringClassLoader cuda = new BackendFilteringClassLoader(parent, BackendChoice.CUDA);
            assertEquals(List.of(BackendProbe.CUDA_BACKEND_CLASS, BackendProbe.CUDA_BACKEND_CLASS),
                    providers(cuda));
            try (var in = cuda.getResourceAsStream(BackendFilteringClassLoader.SERVICE)) {
                assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .contains(BackendProbe.CUDA_BACKEND_CLASS));
            }

            // everything else passes through unchanged
            assertNotNull(cpu.getResource("cuda.txt"));
            assertNotNull(cuda.getResource("cpu.txt"));
            assertEquals(1, Collections.list(cuda.getResources("META-INF/services/some.other.Service")).size());
        }
    }

    @Test
    void jarNamesAloneAlsoHide() throws IOException {
        // a service file from nd4j-cuda*.jar is hidden for CPU even if its content were unexpected
        Path odd = jar("nd4j-cuda-11.6-linux-x86_64.jar", BackendFilteringClassLoader.SERVICE, "some.Other\n");
        try (URLClassLoader parent = new URLClassLoader(new URL[] {odd.toUri().toURL()}, null)) {
            assertNull(new BackendFilteringClassLoader(parent, BackendChoice.CPU)
                    .getResource(BackendFilteringClassLoader.SERVICE));
            assertNotNull(new BackendFilteringClassLoader(parent, BackendChoice.CUDA)
                    .getResource(BackendFilteringClassLoader.SERVICE));
        }
        assertEquals("nd4j-native.jar", BackendFilteringClassLoader.jarName(
                new URL("jar:file:/x/lib/nd4j-native.jar!/" + BackendFilteringClassLoader.SERVICE)));
        assertEquals("", BackendFilteringClassLoader.jarName(new URL("file:/x/" + BackendFilteringClassLoader.SERVICE)));
    }

    @Test
    void classesComeFromTheParent() throws ClassNotFoundException {
        ClassLoader engine = BackendFilteringClassLoader.class.getClassLoader();
        BackendFilteringClassLoader l = new BackendFilteringClassLoader(engine, BackendChoice.CPU);
        assertSame(engine.loadClass("org.nd4j.linalg.factory.Nd4jBackend"),
                Class.forName("org.nd4j.linalg.factory.Nd4jBackend", false, l));
        assertThrows(IllegalArgumentException.class, () -> new BackendFilteringClassLoader(engine,
                BackendChoice.AUTO));
    }

    @Test
    void realEngineJarsOfferOnlyTheCpuBackend() throws IOException {
        ClassLoader engine = BackendFilteringClassLoader.class.getClassLoader();
        // distinct: under Maven the same ND4J jar can sit on the test class path twice (~/.m2 and lib/)
        assertEquals(List.of(BackendProbe.CPU_BACKEND_CLASS),
                providers(new BackendFilteringClassLoader(engine, BackendChoice.CPU)).stream().distinct().toList());
        assertEquals(List.of(), providers(new BackendFilteringClassLoader(engine, BackendChoice.CUDA)));
    }

    @Test
    void probeFindsTheDriverOnlyWhereItIsAndNeverLoadsIt() throws IOException {
        Path libs = Files.createDirectories(dir.resolve("nvidia"));
        ClassLoader engine = BackendProbe.class.getClassLoader();
        BackendProbe none = BackendProbe.detect(engine, List.of(libs), "Linux", "amd64");
        assertFalse(none.driverPresent());
        assertTrue(none.driverDetail().contains("libcuda.so.1 not found in [" + libs + "]"), none.driverDetail());
        assertFalse(none.cudaBackendPresent());
        assertFalse(none.cudaRuntimePresent());

        // a file that is not a library at all: the probe only looks, so this cannot hurt the JVM
        try (OutputStream o = Files.newOutputStream(libs.resolve("libcuda.so.1"))) {
            o.write("not an ELF file".getBytes(StandardCharsets.US_ASCII));
        }
        BackendProbe found = BackendProbe.detect(engine, List.of(dir.resolve("missing"), libs), "Linux", "x86_64");
        assertTrue(found.driverPresent());
        assertTrue(found.driverDetail().contains(libs.resolve("libcuda.so.1").toString()));

        BackendProbe mac = BackendProbe.detect(engine, List.of(libs), "Mac OS X", "aarch64");
        assertFalse(mac.driverPresent());
        assertTrue(mac.driverDetail().contains("Linux x86_64 only"), mac.driverDetail());
    }

    @Test
    void probeSeesABundledRuntimeOnlyWithThePresets() throws IOException {
        Path redist = jar("cuda-11.6-8.3-1.5.7-linux-x86_64-redist.jar", BackendProbe.BUNDLED_RUNTIME_RESOURCE,
                "fake");
        try (URLClassLoader l = new URLClassLoader(new URL[] {redist.toUri().toURL()},
                BackendProbe.class.getClassLoader())) {
            BackendProbe p = BackendProbe.detect(l, List.of(), "Linux", "amd64");
            assertFalse(p.cudaRuntimePresent(), "JavaCPP's CUDA presets are missing here");
            assertTrue(p.runtimeDetail().contains(BackendProbe.CUDA_PRESETS_CLASS), p.runtimeDetail());
        }
    }

    @Test
    void libraryDirsIncludeLdLibraryPathAndJavaLibraryPath() {
        List<Path> dirs = BackendProbe.libraryDirs("/opt/a:/opt/b::", "/opt/c");
        assertTrue(dirs.containsAll(List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"),
                Path.of("/usr/local/nvidia/lib64"), Path.of("/opt/a"), Path.of("/opt/b"), Path.of("/opt/c"))));
        assertEquals(dirs.size(), dirs.stream().distinct().count());
        assertTrue(BackendProbe.libraryDirs(null, null).size() >= 3);
    }
}
