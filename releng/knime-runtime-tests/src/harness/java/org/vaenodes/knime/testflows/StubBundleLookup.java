package org.vaenodes.knime.testflows;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Version;
import org.osgi.framework.connect.FrameworkUtilHelper;

/**
 * {@code FrameworkUtil.getBundle(Class)} without OSGi (registered as a service provider): for a class from a jar with
 * a Bundle-SymbolicName, a read-only bundle made from that jar's manifest and entries, ACTIVE, whose context hands
 * service calls to the in-process Equinox framework. KNIME's core asks for its bundle in static initialisers (e.g.
 * for preference node names), and would fail without one.
 */
public final class StubBundleLookup implements FrameworkUtilHelper {

    private static final Map<String, Optional<Bundle>> BY_JAR = new ConcurrentHashMap<>();

    private static volatile BundleContext services;

    /** Service lookups of every stub bundle go to this (the in-process framework's) context from now on. */
    static void delegateServicesTo(BundleContext ctx) {
        services = ctx;
    }

    @Override
    public Optional<Bundle> getBundle(Class<?> cls) {
        var source = cls.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        URL jar = source.getLocation();
        return BY_JAR.computeIfAbsent(jar.toString(), k -> bundleOf(jar));
    }

    private static Optional<Bundle> bundleOf(URL jarUrl) {
        try {
            File f = new File(jarUrl.toURI());
            if (!f.isFile()) {
                return Optional.empty();
            }
            JarFile jar = new JarFile(f); // kept open: the bundle reads its entries for the JVM's lifetime
            if (jar.getManifest() == null
                || jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                jar.close();
                return Optional.empty();
            }
            return Optional.of(stub(jarUrl, jar, jar.getManifest().getMainAttributes()));
        } catch (IOException | java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static Bundle stub(URL jarUrl, JarFile jar, Attributes a) {
        String bsn = a.getValue("Bundle-SymbolicName").split(";")[0].trim();
        Version version = Version.parseVersion(
            Optional.ofNullable(a.getValue("Bundle-Version")).orElse("0.0.0").replace(".qualifier", ".v0"));
        Hashtable<String, String> headers = new Hashtable<>();
        a.forEach((k, v) -> headers.put(k.toString(), v.toString()));
        long id = bsn.hashCode() & 0x7fffffffL;
        Bundle[] self = new Bundle[1];
        BundleContext context = (BundleContext) Proxy.newProxyInstance(StubBundleLookup.class.getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, m, args) -> {
                if (m.getName().equals("getBundle") && (args == null || args.length == 0)) {
                    return self[0];
                }
                if (m.getDeclaringClass() == Object.class) {
                    return objectMethod(proxy, m.getName(), args, "context of " + bsn);
                }
                BundleContext framework = services;
                if (framework == null) { // before the in-process framework runs: properties only, no services
                    return m.getName().equals("getProperty") ? System.getProperty((String) args[0])
                        : empty(m.getReturnType());
                }
                try {
                    return m.invoke(framework, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        self[0] = (Bundle) Proxy.newProxyInstance(StubBundleLookup.class.getClassLoader(), new Class<?>[] {Bundle.class},
            (proxy, m, args) -> switch (m.getName()) {
                case "getSymbolicName" -> bsn;
                case "getVersion" -> version;
                case "getHeaders" -> headers;
                case "getState" -> Bundle.ACTIVE;
                case "getBundleId" -> id;
                case "getLocation" -> jarUrl.toString();
                case "getBundleContext" -> context;
                case "getEntry", "getResource" -> {
                    String path = ((String) args[0]).replaceFirst("^/", "");
                    yield jar.getEntry(path) == null ? null : new URL("jar:" + jarUrl + "!/" + path);
                }
                case "loadClass" -> Class.forName((String) args[0]);
                case "compareTo" -> Long.compare(id, ((Bundle) args[0]).getBundleId());
                case "toString", "hashCode", "equals" -> objectMethod(proxy, m.getName(), args, bsn + "_" + version);
                default -> empty(m.getReturnType());
            });
        return self[0];
    }

    private static Object objectMethod(Object proxy, String name, Object[] args, String text) {
        return switch (name) {
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> text + " (stub)";
        };
    }

    private static Object empty(Class<?> t) {
        if (t == boolean.class) {
            return false;
        } else if (t == int.class) {
            return 0;
        } else if (t == long.class) {
            return 0L;
        } else if (t.isArray()) {
            return java.lang.reflect.Array.newInstance(t.getComponentType(), 0);
        } else if (t == Optional.class) {
            return Optional.empty();
        } else if (Collection.class.isAssignableFrom(t)) {
            return List.of();
        }
        return null;
    }
}
