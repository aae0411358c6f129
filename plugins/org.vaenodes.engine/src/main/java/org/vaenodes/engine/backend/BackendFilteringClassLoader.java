package org.vaenodes.engine.backend;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A class loader for {@link org.nd4j.common.config.ND4JClassLoading} that delegates everything to the engine's loader
 * but hides the service entries ({@value #SERVICE}) of the backend that was not chosen.
 *
 * <p>ND4J 1.0.0-M2.1's {@code Nd4jBackend.load()} runs {@code ServiceLoader.load(Nd4jBackend.class,
 * ND4JClassLoading.getNd4jClassloader())}, sorts the providers by priority (CUDA above CPU) and takes the first that
 * reports itself available. With both backends installed it would therefore try CUDA whatever the user chose; hiding
 * the other backend's service file makes ND4J see exactly one backend.
 *
 * <p>A service file is hidden if it names a provider class of the hidden backend, or if it comes from that backend's
 * jar ({@code nd4j-native*.jar} for CPU, {@code nd4j-cuda*.jar} for CUDA). The content test matters inside OSGi,
 * where resource URLs ({@code bundleresource://…}) do not name the jar. Classes and all other resources come
 * unchanged from the parent, so every class is still defined by the engine's loader.
 */
public final class BackendFilteringClassLoader extends ClassLoader {

    /** The service file through which ND4J discovers backends. */
    public static final String SERVICE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

    static {
        registerAsParallelCapable();
    }

    private final Set<String> hiddenProviders;
    private final String hiddenJarPrefix;

    /**
     * @param parent the engine's class loader
     * @param keep   CPU or CUDA: the backend ND4J may see
     */
    public BackendFilteringClassLoader(ClassLoader parent, BackendChoice keep) {
        super("vaenodes-nd4j-" + Objects.requireNonNull(keep, "keep").key(), Objects.requireNonNull(parent,
                "parent"));
        if (keep == BackendChoice.AUTO) {
            throw new IllegalArgumentException("Decide CPU or CUDA before filtering");
        }
        if (keep == BackendChoice.CPU) {
            hiddenProviders = Set.of(BackendProbe.CUDA_BACKEND_CLASS);
            hiddenJarPrefix = "nd4j-cuda";
        } else {
            hiddenProviders = Set.of(BackendProbe.CPU_BACKEND_CLASS);
            hiddenJarPrefix = "nd4j-native";
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = getParent().getResources(name);
        if (!SERVICE.equals(name)) {
            return all;
        }
        List<URL> kept = new ArrayList<>();
        while (all.hasMoreElements()) {
            URL u = all.nextElement();
            if (!hidden(u)) {
                kept.add(u);
            }
        }
        return Collections.enumeration(kept);
    }

    @Override
    public URL getResource(String name) {
        if (!SERVICE.equals(name)) {
            return getParent().getResource(name);
        }
        try {
            Enumeration<URL> e = getResources(name);
            return e.hasMoreElements() ? e.nextElement() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        URL u = getResource(name);
        try {
            return u == null ? null : u.openStream();
        } catch (IOException e) {
            return null;
        }
    }

    /** True if {@code serviceFile} belongs to the hidden backend. */
    boolean hidden(URL serviceFile) {
        if (jarName(serviceFile).startsWith(hiddenJarPrefix)) {
            return true;
        }
        try {
            for (String provider : providers(serviceFile)) {
                if (hiddenProviders.contains(provider)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false; // unreadable: the ServiceLoader will fail on it with its own message
        }
    }

    /** The provider class names listed in a service file (comments and blanks removed). */
    static List<String> providers(URL serviceFile) throws IOException {
        List<String> names = new ArrayList<>();
        URLConnection c = serviceFile.openConnection();
        c.setUseCaches(false); // do not keep jar files open
        try (BufferedReader r = new BufferedReader(new InputStreamReader(c.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                int hash = line.indexOf('#');
                String s = (hash >= 0 ? line.substring(0, hash) : line).trim();
                if (!s.isEmpty()) {
                    names.add(s);
                }
            }
        }
        return names;
    }

    /** File name of the jar holding {@code u} (for jar: URLs), else "". */
    static String jarName(URL u) {
        String s = u.toString();
        int bang = s.indexOf("!/");
        if (!s.startsWith("jar:") || bang < 0) {
            return "";
        }
        String jar = s.substring(0, bang);
        int slash = jar.lastIndexOf('/');
        return jar.substring(slash + 1).toLowerCase(Locale.ROOT);
    }
}
