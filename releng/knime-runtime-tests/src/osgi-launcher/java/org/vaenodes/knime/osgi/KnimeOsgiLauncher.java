package org.vaenodes.knime.osgi;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Starts the KNIME-like product p2 installed, as KNIME AP's launcher would: the framework from the product's own
 * plugins/ (this JVM's only class path), every bundle p2 put there, the few an Eclipse product starts at once (all
 * others activate lazily when their classes are first used), and a test probe bundle. Then, through the probe, it
 * asks KNIME's extension registry for our contributions and runs every testflow with KNIME's BatchExecutor.
 *
 * <p>Usage: {@code KnimeOsgiLauncher <product> <run dir> <probe bundle jar> <testflows dir>}. Writes report lines
 * starting with "[osgi] " (read by InstalledByP2Test); exits 0 when it got through (what the lines say is judged by
 * the test), 1 when it could not.
 */
public final class KnimeOsgiLauncher {

    /** What an Eclipse product's config.ini starts at once; everything else waits for its first class load. */
    private static final List<String> STARTED = List.of("org.apache.felix.scr", "org.eclipse.equinox.common",
        "org.eclipse.equinox.event", "org.apache.aries.spifly.dynamic.bundle", "org.eclipse.core.runtime");

    private static final String PROBE = "org.vaenodes.knime.testflows.OsgiProbe";

    /** The flow the issue runs with batch options: 2 epochs, a 10 × 10 grid. */
    private static final String OPTIONS_FLOW = "01_mnist_vae_grid";
    private static final List<String> OPTIONS = List.of("-workflow.variable=epochs,2,int", "-option=3,grid_size,10,int");

    private final long t0 = System.nanoTime();
    private boolean firstNodeSaid;
    private String runner;
    private final Path product;
    private final Path run;

    private KnimeOsgiLauncher(Path product, Path run) {
        this.product = product;
        this.run = run;
    }

    public static void main(String[] args) {
        int code = 1;
        try {
            code = new KnimeOsgiLauncher(Path.of(args[0]), Path.of(args[1])).launch(Path.of(args[2]), Path.of(args[3]));
        } catch (Throwable t) {
            say("FATAL " + t);
            t.printStackTrace(System.out);
        }
        System.out.flush();
        System.exit(code); // KNIME leaves non-daemon threads behind
    }

    private int launch(Path probeJar, Path testflows) throws Exception {
        Files.createDirectories(run);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config());
        framework.init();
        BundleContext ctx = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        try (Stream<Path> s = Files.list(product.resolve("plugins"))) {
            for (Path p : s.sorted().toList()) {
                if (!p.getFileName().toString().startsWith("org.eclipse.osgi_")) { // the framework itself
                    bundles.add(ctx.installBundle("reference:" + p.toUri()));
                }
            }
        }
        Bundle probe = ctx.installBundle(probeJar.toUri().toString());
        framework.start();
        framework.adapt(FrameworkWiring.class).resolveBundles(null);
        for (Bundle b : bundles) {
            if (STARTED.contains(b.getSymbolicName())) {
                b.start();
            }
        }
        say(String.format("framework started in %d ms: %d bundles installed from %s", ms(), bundles.size(),
            product.resolve("plugins")));
        unresolved(bundles);
        states(bundles, "after start");
        probe.start();

        Bundle engine = bundle(bundles, "org.vaenodes.engine");
        say("backend probe: " + engine.loadClass("org.vaenodes.engine.backend.BackendProbe")
            .getMethod("detect", ClassLoader.class).invoke(null, engine.adapt(BundleWiring.class).getClassLoader()));
        Class<?> p = probe.loadClass(PROBE);
        for (Object line : (List<?>) p.getMethod("registry", String.class).invoke(null, "org.vaenodes.knime")) {
            say("registry " + line);
        }
        say("port type registry: " + p.getMethod("portType", String.class).invoke(null,
            "org.vaenodes.knime.port.VaeModelPortObject"));
        Path knimeLog = Path.of((String) p.getMethod("workspace").invoke(null));
        say("knime.log " + knimeLog);

        Method batch = p.getMethod("runBatch", String[].class, List.class, long.class);
        runner = (String) p.getMethod("batchRunner").invoke(null);
        say("flows run by " + runner);
        Path cache = run.resolve("javacpp-cache");
        try (Stream<Path> s = Files.list(testflows)) {
            for (Path flow : s.filter(f -> Files.isRegularFile(f.resolve("workflow.knime"))).sorted().toList()) {
                runFlow(batch, flow);
                say("javacpp cache " + bytes(cache) + " bytes after " + flow.getFileName());
            }
        }
        say("backend in use: " + engine.loadClass("org.vaenodes.engine.backend.Nd4jRuntime").getMethod("status")
            .invoke(null));
        states(bundles, "after the flows");
        for (String l : Files.readAllLines(knimeLog)) {
            if (l.matches("^\\S+ \\S+ : (WARN|ERROR|FATAL|CODING) .*")) {
                say("knime.log: " + l);
            }
        }
        framework.stop();
        framework.waitForStop(60_000);
        say("framework stopped");
        return 0;
    }

    private void runFlow(Method batch, Path flow) throws Exception {
        String name = flow.getFileName().toString();
        Path copy = run.resolve("flows").resolve(name);
        copyTree(flow, copy);
        Path exports = Files.createDirectories(run.resolve("exports").resolve(name));
        List<String> args = new ArrayList<>(List.of("-workflowDir=" + copy, "-reset", "-nosave"));
        if (name.equals(OPTIONS_FLOW)) {
            args.addAll(OPTIONS);
        }
        List<String> wanted = new ArrayList<>();
        for (String l : Files.readAllLines(flow.resolve("expected"))) {
            // "export 3:1 -> latent-grid.png": an image port (table exports name their columns in [...])
            var m = java.util.regex.Pattern.compile("^export (\\d+:\\d+) -> (\\S+\\.png)$").matcher(l.strip());
            if (m.matches()) {
                wanted.add(m.group(1) + " " + exports.resolve(m.group(2)));
            }
        }
        long start = System.nanoTime();
        List<?> out = (List<?>) batch.invoke(null, args.toArray(String[]::new), wanted, t0);
        say(String.format("flow %s: %s %s returned %s in %.1f s", name, runner,
            String.join(" ", args).replace(copy.toString(), "<copy>"), out.get(0), (System.nanoTime() - start) / 1e9));
        if (!firstNodeSaid && !"-1".equals(out.get(1))) {
            firstNodeSaid = true;
            say("first start: framework start to first node executed " + out.get(1) + " ms");
        }
        for (Object l : out.subList(2, out.size())) {
            say("  " + name + " " + l);
        }
    }

    private Map<String, String> config() {
        Map<String, String> c = new HashMap<>();
        c.put("osgi.install.area", product.toUri().toString());
        c.put("osgi.configuration.area", run.resolve("configuration").toUri().toString());
        c.put("osgi.instance.area", run.resolve("workspace").toUri().toString());
        c.put("osgi.user.area", run.resolve("user").toUri().toString());
        c.put("org.osgi.framework.storage.clean", "onFirstInit");
        c.put("osgi.os", "linux");
        c.put("osgi.ws", "gtk");
        c.put("osgi.arch", "x86_64");
        c.put("osgi.nl", "en_US");
        // the p2 profile the director wrote, as an Eclipse product's config.ini names it: KNIME looks up each node's
        // feature there (the node's bundle information in saved workflows)
        c.put("eclipse.p2.profile", "KNIMEProfile");
        c.put("eclipse.p2.data.area", product.resolve("p2").toUri().toString());
        // as Eclipse's launcher: classes the JVM has (javax.*, sun.*) are found through the boot/app loader
        c.put("osgi.compatibility.bootdelegation", "true");
        return c;
    }

    private static void unresolved(List<Bundle> bundles) {
        int n = 0;
        for (Bundle b : bundles) {
            if (b.getState() == Bundle.INSTALLED) {
                n++;
                try {
                    b.start(Bundle.START_TRANSIENT);
                    say("late resolve " + b.getSymbolicName());
                } catch (BundleException e) {
                    say("UNRESOLVED " + b.getSymbolicName() + " " + b.getVersion() + ": " + e.getMessage()
                        .replace('\n', ' '));
                }
            }
        }
        say(n + " bundles unresolved");
    }

    private static void states(List<Bundle> bundles, String when) {
        for (Bundle b : bundles) {
            String name = b.getSymbolicName();
            if (name.startsWith("org.vaenodes.") || name.startsWith("org.knime.")) {
                boolean fragment = b.getHeaders().get("Fragment-Host") != null;
                String attached = "";
                if (fragment && b.adapt(BundleWiring.class) != null) {
                    attached = " attached to " + b.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.host")
                        .stream().map(w -> w.getProvider().getSymbolicName()).toList();
                }
                say("bundle " + when + ": " + name + " " + b.getVersion() + " " + state(b)
                    + (fragment ? " (fragment" + attached + ")" : ""));
            }
        }
    }

    private static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }

    private static Bundle bundle(List<Bundle> bundles, String name) {
        return bundles.stream().filter(b -> name.equals(b.getSymbolicName())).findFirst()
            .orElseThrow(() -> new IllegalStateException(name + " is not installed"));
    }

    private long ms() {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static long bytes(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            long sum = 0;
            // JavaCPP links versioned names (libgomp.so -> libgomp.so.1): count what it wrote, not through links
            for (Path p : s.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void say(String line) {
        System.out.println("[osgi] " + line);
    }
}
