package org.vaenodes.knime.testflows;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.eclipse.core.runtime.ContributorFactorySimple;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.RegistryFactory;
import org.knime.core.node.KNIMEConstants;
import org.knime.core.node.NodeLogger;
import org.knime.core.node.workflow.WorkflowManager;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * What KNIME Analytics Platform gives org.knime.core, set up on a plain class path (no OSGi resolution of bundles):
 * Eclipse's platform and preference services (an empty Equinox framework started in this JVM, the runtime bundles'
 * activators run with its context), the extension registry in its non-OSGi mode fed with every plugin.xml on the
 * class path (so KNIME finds our node factories, port type and data types through its own extension points), the
 * CorePlugin instance, the other KNIME bundles' activators and the knime:// protocol. Started once per JVM.
 */
final class HeadlessKnimePlatform {

    /** Declared by org.knime.workbench.repository, a KNIME AP bundle outside KNIME's core. */
    private static final String REPOSITORY_POINTS = "<?xml version=\"1.0\"?><plugin>"
        + "<extension-point id=\"nodes\" name=\"Node\"/><extension-point id=\"nodesets\" name=\"NodeSet\"/>"
        + "<extension-point id=\"categories\" name=\"Category\"/>"
        + "<extension-point id=\"metanode\" name=\"Metanode\"/></plugin>";

    private final Path home;

    private HeadlessKnimePlatform(Path home) {
        this.home = home;
    }

    /** Starts the platform with its workspace, configuration and log under {@code home}. */
    static HeadlessKnimePlatform start(Path home) throws Exception {
        HeadlessKnimePlatform p = new HeadlessKnimePlatform(home.toAbsolutePath());
        BundleContext ctx = p.startEquinox();
        p.createRegistry();
        setCorePluginInstance();
        startOtherKnimeActivators();
        KnimeUrlStandIn.register(ctx);
        WorkflowManager.ROOT.getID(); // initialises KNIME's logging (knime.log in the workspace)
        try { // the whole DEBUG..FATAL range into knime.log, as KNIME AP's default log level for the file
            NodeLogger.setAppenderLevelRange(NodeLogger.LOGFILE_APPENDER, NodeLogger.LEVEL.DEBUG,
                NodeLogger.LEVEL.FATAL);
        } catch (IllegalStateException e) {
            System.out.println("[knime] log file level left at its default: " + e.getMessage());
        }
        System.out.println("[knime] KNIME " + KNIMEConstants.VERSION + " core on Java "
            + System.getProperty("java.version") + ", log " + p.logFile());
        return p;
    }

    /** KNIME's log file (the workspace's .metadata/knime/knime.log). */
    Path logFile() {
        return home.resolve("workspace/.metadata/knime/" + NodeLogger.LOG_FILE);
    }

    /**
     * Eclipse's Platform (instance location) and preference service need a running framework and the activators of
     * equinox.common, equinox.preferences and core.runtime; the system bundle of an empty Equinox registers the
     * location services they read. Every class stays on the one class path.
     */
    private BundleContext startEquinox() throws Exception {
        File ws = home.resolve("workspace").toFile();
        File conf = home.resolve("configuration").toFile();
        ws.mkdirs();
        conf.mkdirs();
        Map<String, String> cfg = new HashMap<>();
        cfg.put("osgi.instance.area", ws.toURI().toString());
        cfg.put("osgi.configuration.area", conf.toURI().toString());
        cfg.put("osgi.user.area", home.resolve("user").toUri().toString());
        cfg.put("osgi.install.area", home.toUri().toString());
        cfg.put("eclipse.ignoreApp", "true");
        var framework = new org.eclipse.osgi.launch.EquinoxFactory().newFramework(cfg);
        framework.start();
        BundleContext ctx = framework.getBundleContext();
        StubBundleLookup.delegateServicesTo(ctx);
        installVersionBundle(ctx);
        new org.eclipse.core.internal.runtime.Activator().start(ctx);
        new org.eclipse.core.internal.preferences.Activator().start(ctx);
        org.eclipse.core.internal.runtime.InternalPlatform.getDefault().start(ctx);
        return ctx;
    }

    /**
     * KNIME reads its own version from the org.knime.core bundle it asks the framework for (5.3:
     * {@code Platform.getBundle}); without it KNIME says it is 1.0.0 and takes every saved workflow for one from a
     * future version. Installs a bundle with org.knime.core's name and version (its manifest's, nothing else) in the
     * in-process framework; KNIME's classes stay on the class path.
     */
    private static void installVersionBundle(BundleContext ctx) throws Exception {
        Class<?> constants = Class.forName("org.knime.core.node.KNIMEConstants", false,
            HeadlessKnimePlatform.class.getClassLoader()); // not initialised: it reads the version when it is
        Path location = Path.of(constants.getProtectionDomain().getCodeSource().getLocation().toURI());
        Attributes core;
        if (java.nio.file.Files.isDirectory(location)) { // a bundle installed as a folder
            try (InputStream in = java.nio.file.Files.newInputStream(location.resolve("META-INF/MANIFEST.MF"))) {
                core = new Manifest(in).getMainAttributes();
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                core = jar.getManifest().getMainAttributes();
            }
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        m.getMainAttributes().putValue("Bundle-SymbolicName", core.getValue("Bundle-SymbolicName").split(";")[0]);
        m.getMainAttributes().putValue("Bundle-Version", core.getValue("Bundle-Version"));
        var bytes = new java.io.ByteArrayOutputStream();
        new java.util.jar.JarOutputStream(bytes, m).close();
        ctx.installBundle("version-of:org.knime.core", new ByteArrayInputStream(bytes.toByteArray())).start();
    }

    private void createRegistry() throws IOException {
        Object token = new Object();
        IExtensionRegistry reg = RegistryFactory.createRegistry(null, token, null);
        contribute(reg, token, "org.knime.workbench.repository",
            new ByteArrayInputStream(REPOSITORY_POINTS.getBytes(StandardCharsets.UTF_8)));
        Enumeration<URL> xmls = HeadlessKnimePlatform.class.getClassLoader().getResources("plugin.xml");
        while (xmls.hasMoreElements()) {
            URL u = xmls.nextElement();
            try (InputStream in = u.openStream()) {
                contribute(reg, token, symbolicName(u), in);
            }
        }
        try {
            RegistryFactory.setDefaultRegistryProvider(() -> reg);
        } catch (org.eclipse.core.runtime.CoreException e) {
            throw new IOException("Cannot install the extension registry: " + e.getMessage(), e);
        }
    }

    private static void contribute(IExtensionRegistry reg, Object token, String bundle, InputStream in) {
        if (!reg.addContribution(in, ContributorFactorySimple.createContributor(bundle), false, bundle, null, token)) {
            System.out.println("[knime] plugin.xml of " + bundle + " contributed with problems");
        }
    }

    /** The Bundle-SymbolicName of the jar a plugin.xml comes from (its URL if it is not in a bundle jar). */
    private static String symbolicName(URL pluginXml) throws IOException {
        String s = pluginXml.toString();
        if (s.startsWith("jar:file:")) {
            try (JarFile jar = new JarFile(Path.of(java.net.URI.create(s.substring(4, s.indexOf("!/")))).toFile())) {
                String bsn = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
                if (bsn != null) {
                    return bsn.split(";")[0].trim();
                }
            }
        }
        return s;
    }

    /**
     * org.knime.core's activator (CorePlugin) is never started without OSGi, yet every node load asks it for the
     * customization service: set its instance, unstarted (no customization profile, as in a plain installation).
     */
    private static void setCorePluginInstance() throws ReflectiveOperationException {
        Class<?> cls = Class.forName("org.knime.core.internal.CorePlugin");
        var instance = cls.getDeclaredField("instance");
        instance.setAccessible(true);
        var ctor = cls.getDeclaredConstructor();
        ctor.setAccessible(true);
        instance.set(null, ctor.newInstance());
    }

    /**
     * Activators of the other KNIME jars (5.12: org.knime.core.workbench) and of ours, as OSGi would start them, with
     * their stub bundle's context.
     */
    private static void startOtherKnimeActivators() throws Exception {
        Enumeration<URL> mfs = HeadlessKnimePlatform.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
        while (mfs.hasMoreElements()) {
            try (InputStream in = mfs.nextElement().openStream()) {
                Attributes a = new Manifest(in).getMainAttributes();
                String bsn = a.getValue("Bundle-SymbolicName");
                String activator = a.getValue("Bundle-Activator");
                if (bsn == null || activator == null || !(bsn.startsWith("org.knime.") || bsn.startsWith("org.vaenodes."))
                    || bsn.split(";")[0].trim().equals("org.knime.core")) {
                    continue;
                }
                Class<?> cls = Class.forName(activator.trim());
                var ctor = cls.getDeclaredConstructor();
                ctor.setAccessible(true);
                ((BundleActivator) ctor.newInstance()).start(FrameworkUtil.getBundle(cls).getBundleContext());
            }
        }
    }
}
