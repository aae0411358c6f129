package org.vaenodes.knime.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding a KNIME runtime in the two shapes the real-KNIME tests accept, and a JDK for it. The installation shape is
 * made here from the 5.3.0 core jars and the Maven Central jars, laid out as KNIME AP's plugins/ folder lays them
 * out: bundles as jars and as folders (with a Bundle-ClassPath jar inside), and another platform's fragment.
 */
class KnimeRuntimeTest {

    @BeforeEach
    void defaultRuntimes() {
        assumeTrue(System.getProperty("vaenodes.knime.plugins", "").isBlank(),
            "these tests read the default KNIME core jar folders, not -Dvaenodes.knime.plugins");
    }

    @Test
    void coreJarFoldersGiveVersionJavaAndClassPath() throws Exception {
        List<KnimeRuntime> rts = RealKnimeSetup.runtimes();
        assertEquals(List.of("5.3.0", "5.12.0-dev"), rts.stream().map(KnimeRuntime::name).toList());
        assertEquals("5.3.0", rts.get(0).version());
        assertEquals(17, rts.get(0).javaMajor());
        assertTrue(rts.get(0).hasLegacyBatchExecutor(), "5.3's core still has its BatchExecutor");
        assertEquals("5.12.0", rts.get(1).version());
        assertEquals(21, rts.get(1).javaMajor(), "knime-shared 5.12 requires JavaSE-21");
        assertFalse(rts.get(1).hasLegacyBatchExecutor(), "5.12's core has only the stripped BatchExecutor");
        assertTrue(rts.get(1).classPath().stream().anyMatch(p -> p.getFileName().toString().equals("guava-33.4.8-jre.jar")));
        assertFalse(rts.get(1).classPath().stream().anyMatch(p -> p.getFileName().toString().equals("guava-19.0.jar")),
            "5.12 takes its own versions of the shared libraries");
    }

    @Test
    void anInstalledKnimesPluginsFolderWorksWithFolderBundles(@TempDir Path plugins) throws Exception {
        KnimeRuntime v53 = RealKnimeSetup.runtimes().get(0);
        Path folderBundle = null;
        for (Path jar : v53.classPath()) {
            String name = jar.getFileName().toString();
            if (name.equals("org.knime.core.util.jar")) { // unpacked, as KNIME AP installs bundles with nested jars
                folderBundle = plugins.resolve("org.knime.core.util_5.3.0.v202407");
                unzip(jar, folderBundle);
                Files.writeString(folderBundle.resolve("META-INF/MANIFEST.MF"), "Manifest-Version: 1.0\n"
                    + "Bundle-ManifestVersion: 2\nBundle-SymbolicName: org.knime.core.util\n"
                    + "Bundle-Version: 5.3.0.v202407\nBundle-ClassPath: .,lib/extra.jar\n");
                Files.createDirectories(folderBundle.resolve("lib"));
                Files.copy(v53.classPath().get(v53.classPath().size() - 1), folderBundle.resolve("lib/extra.jar"));
            } else if (name.equals("org.knime.core.jar")) { // named as p2 installs it
                Files.copy(jar, plugins.resolve("org.knime.core_5.3.0.v202407101234.jar"));
            } else {
                Files.copy(jar, plugins.resolve(name));
            }
        }
        Files.writeString(plugins.resolve("org.eclipse.swt.win32.win32.x86_64_3.132.0.jar"), "not for this system");

        KnimeRuntime rt = KnimeRuntime.fromInstallation(plugins).orElseThrow();
        assertEquals("5.3.0", rt.version());
        assertEquals(17, rt.javaMajor());
        assertTrue(rt.classPath().contains(folderBundle) && rt.classPath().contains(folderBundle.resolve("lib/extra.jar")),
            "a folder bundle contributes itself and its Bundle-ClassPath jars");
        assertTrue(rt.classPath().get(0).getFileName().toString().startsWith("org.knime."), "KNIME's bundles first");
        assertFalse(rt.classPath().stream().anyMatch(p -> p.toString().contains("win32")), "no other platform's jars");
        assertTrue(rt.hasLegacyBatchExecutor());
    }

    @Test
    void aFolderWithoutKnimesCoreIsNoRuntime(@TempDir Path empty) throws Exception {
        assertTrue(KnimeRuntime.fromInstallation(empty).isEmpty());
        assertTrue(KnimeRuntime.fromCoreJars(empty, empty).isEmpty());
    }

    @Test
    void jdksAreFoundByTheirReleaseFile() {
        Jdks.Jdk running = Jdks.of(Path.of(System.getProperty("java.home"))).orElseThrow();
        assertEquals(Runtime.version().feature(), running.version());
        assertTrue(Jdks.atLeast(running.version()).isPresent());
        assertTrue(Jdks.atLeast(1000).isEmpty(), "no Java 1000 here");
    }

    private static void unzip(Path jar, Path into) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            for (JarEntry e : jf.stream().filter(e -> !e.isDirectory()).toList()) {
                Path t = into.resolve(e.getName());
                Files.createDirectories(t.getParent());
                try (InputStream in = jf.getInputStream(e)) {
                    Files.copy(in, t);
                }
            }
        }
    }
}
