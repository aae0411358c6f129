package org.vaenodes.releng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.osgi.launch.EquinoxFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The built engine bundle and all five native fragments, installed into Equinox as KNIME's OSGi runtime would see
 * them on each platform ({@code osgi.os}/{@code osgi.arch} set to that platform): exactly that platform's fragment
 * attaches to the engine, and the engine's class loader then sees that platform's natives and no other's. Nothing
 * is loaded natively: this machine is Linux x86_64.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class PlatformResolutionTest {

    private static final Path PLUGINS = Path.of(System.getProperty("vaenodes.updateSite", "../../update-site/target"))
        .resolve("repository").resolve("plugins");

    private static final List<String> CLASSIFIERS =
        List.of("linux-x86_64", "linux-arm64", "windows-x86_64", "macosx-x86_64", "macosx-arm64");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"linux, x86_64, linux-x86_64", "linux, aarch64, linux-arm64", "win32, x86_64, windows-x86_64",
        "macosx, x86_64, macosx-x86_64", "macosx, aarch64, macosx-arm64"})
    void exactlyThePlatformsFragmentAttaches(String os, String arch, String classifier, @TempDir Path storage)
        throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("osgi.os", os);
        config.put("osgi.arch", arch);
        config.put("osgi.ws", os.equals("win32") ? "win32" : os.equals("macosx") ? "cocoa" : "gtk");
        Framework framework = new EquinoxFactory().newFramework(config);
        framework.start();
        try {
            Bundle engine = null;
            List<Bundle> fragments = new ArrayList<>();
            for (Path jar : bundles()) {
                Bundle b = framework.getBundleContext().installBundle(jar.toUri().toString());
                if (b.getSymbolicName().equals("org.vaenodes.engine")) {
                    engine = b;
                } else {
                    fragments.add(b);
                }
            }
            assertNotNull(engine, "engine bundle not found in " + PLUGINS);
            assertEquals(5, fragments.size());
            framework.adapt(FrameworkWiring.class).resolveBundles(null);
            assertEquals(Bundle.RESOLVED, engine.getState(), "the engine must resolve on " + os + "/" + arch);
            List<String> attached = new ArrayList<>();
            for (Bundle f : fragments) {
                if (f.getState() == Bundle.RESOLVED) {
                    attached.add(f.getSymbolicName());
                }
            }
            assertEquals(List.of("org.vaenodes.engine.natives." + os + "." + arch), attached);
            // the engine's class loader sees this platform's natives only
            for (String c : CLASSIFIERS) {
                String resource = "org/bytedeco/openblas/" + c + "/";
                boolean visible = engine.getResource(resource) != null
                    || engine.findEntries("/", "openblas-" + c + ".jar", true) != null;
                if (c.equals(classifier)) {
                    assertTrue(visible, "the natives of " + c + " must be visible on " + os + "/" + arch);
                } else {
                    assertFalse(visible, "the natives of " + c + " must not be visible on " + os + "/" + arch);
                }
            }
            // the engine's backend selection runs on every platform without loading a native library (JavaCPP's
            // own Loader loads its JNI helper when first touched, where that platform's natives are present: read
            // its list before and after)
            java.lang.reflect.Method loadedLibraries = engine.loadClass("org.bytedeco.javacpp.Loader")
                .getMethod("getLoadedLibraries");
            Map<?, ?> before = Map.copyOf((Map<?, ?>) loadedLibraries.invoke(null));
            ClassLoader loader = engine.adapt(BundleWiring.class).getClassLoader();
            Class<?> probeClass = engine.loadClass("org.vaenodes.engine.backend.BackendProbe");
            Object probe = probeClass.getMethod("detect", ClassLoader.class).invoke(null, loader);
            Class<?> choice = engine.loadClass("org.vaenodes.engine.backend.BackendChoice");
            Object auto = choice.getField("AUTO").get(null);
            Object decision = engine.loadClass("org.vaenodes.engine.backend.BackendSelector")
                .getMethod("select", choice, String.class, probeClass).invoke(null, auto, "test", probe);
            assertTrue(decision.toString().contains("CPU"), decision.toString());
            assertEquals(before, Map.copyOf((Map<?, ?>) loadedLibraries.invoke(null)),
                "backend selection must not load native libraries");
        } finally {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    /** The engine and the five native fragments as built into the update site. */
    private static List<Path> bundles() throws IOException {
        try (Stream<Path> s = Files.list(PLUGINS)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("org.vaenodes.engine_") || n.startsWith("org.vaenodes.engine.natives.");
            }).sorted().collect(java.util.stream.Collectors.toList());
        }
    }
}
