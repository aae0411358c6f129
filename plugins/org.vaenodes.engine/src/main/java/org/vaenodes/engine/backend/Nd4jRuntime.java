package org.vaenodes.engine.backend;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;

import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.Nd4jBackend;

/**
 * Brings ND4J up exactly once per JVM, from this bundle's own class loader, on the backend chosen by the user.
 *
 * <h2>Class loading</h2>
 * ND4J discovers its backend with a ServiceLoader on whatever class loader {@link ND4JClassLoading} holds; inside
 * OSGi that defaults to the thread's context loader, which cannot see our embedded jars, and ND4J then fails with
 * "no available backend". We give it a {@link BackendFilteringClassLoader} over the loader of this class: our jars
 * (and an attached CUDA fragment) are visible, minus the service entry of the backend that was not chosen.
 *
 * <h2>Backend choice</h2>
 * In order of precedence: the system property {@value #BACKEND_PROPERTY}{@code =cpu|cuda|auto} (knime.ini, batch
 * runs), then the value given by the caller ({@link #ensureStarted(BackendChoice)} or
 * {@link #setRequestedBackend(BackendChoice)}, i.e. the preference page), default {@link BackendChoice#AUTO}. The
 * choice is applied at the first start in the JVM; asking for another backend later returns the active status with a
 * note that a restart is needed. CUDA requested but unusable → {@link BackendUnavailableException} (ND4J is then not
 * started, so a later call with CPU/AUTO still works); AUTO without usable CUDA → CPU, with the reason logged once.
 *
 * <h2>Off-heap memory</h2>
 * JavaCPP (ND4J's native memory) reads {@code org.bytedeco.javacpp.maxbytes} and
 * {@code org.bytedeco.javacpp.maxphysicalbytes} once, when it first allocates. We never override a value the user
 * set (e.g. {@code -Dorg.bytedeco.javacpp.maxbytes=4G} in knime.ini); {@link #setOffHeapLimit(String)} sets it only
 * when it is unset and ND4J has not started. Without either, JavaCPP's own default applies (the JVM's max heap).
 *
 * <h2>OpenBLAS kernels</h2>
 * Before the CPU backend loads its OpenBLAS, {@link OpenBlasKernels} may choose that library's kernels for CPUs it does
 * not recognise; the CPU status names the kernels in use and why.
 */
public final class Nd4jRuntime {

    /** System property with the highest precedence: cpu, cuda or auto. */
    public static final String BACKEND_PROPERTY = "vaenodes.backend";
    /** JavaCPP's off-heap limit property. */
    public static final String MAX_BYTES_PROPERTY = "org.bytedeco.javacpp.maxbytes";

    private static final Logger LOG = Logger.getLogger(Nd4jRuntime.class.getName());

    private static volatile BackendStatus status;
    private static volatile String activeBackendClass;
    private static BackendChoice appliedRequest;
    private static BackendChoice callerChoice;

    private Nd4jRuntime() {
    }

    /** A request and who made it. */
    record Request(BackendChoice choice, String source) {
    }

    /**
     * Remembers the caller's (preference page's) backend for the first start; the system property still wins.
     * Returns the status after the call: null if ND4J has not started yet, else the active status, with a restart
     * note if {@code choice} differs from what was applied.
     */
    public static synchronized BackendStatus setRequestedBackend(BackendChoice choice) {
        callerChoice = choice;
        return status == null ? null : statusFor(request(choice));
    }

    /**
     * Initialises ND4J if needed, with the backend from the system property or {@link #setRequestedBackend}, and
     * returns the simple name of the active backend class ("CpuBackend" or "JCublasBackend").
     *
     * @throws BackendUnavailableException if CUDA was requested and cannot be used
     */
    public static String ensureStarted() {
        ensureStarted(null);
        return activeBackendClass;
    }

    /**
     * Initialises ND4J if needed and returns what runs and why.
     *
     * @param requested the caller's choice (e.g. the preference), or null for the one given to
     *                  {@link #setRequestedBackend}; the system property {@value #BACKEND_PROPERTY} wins over both
     * @throws BackendUnavailableException if CUDA was requested and cannot be used (ND4J is not started then)
     * @throws IllegalArgumentException    if the system property holds something other than cpu, cuda or auto
     */
    public static synchronized BackendStatus ensureStarted(BackendChoice requested) {
        Request req = request(requested != null ? requested : callerChoice);
        if (status != null) {
            return statusFor(req);
        }
        ClassLoader engine = Nd4jRuntime.class.getClassLoader();
        BackendProbe probe = BackendProbe.detect(engine);
        GpuInventory gpus = BackendSelector.needsGpuCheck(req.choice(), probe)
                ? GpuInventory.query(new JnaCudaDriver(BackendProbe.DRIVER_LIBRARY)) : GpuInventory.NOT_QUERIED;
        BackendSelector.Decision d = BackendSelector.select(req.choice(), req.source(), probe, gpus);
        String kernels = ProcessSettings.beforeNd4jStarts(new BackendFilteringClassLoader(engine, d.backend()),
                d.backend());
        Nd4jBackend backend;
        try {
            backend = Nd4j.getBackend();
        } catch (RuntimeException | LinkageError e) {
            throw new BackendUnavailableException("ND4J could not start its " + d.backend() + " backend ("
                    + d.reason() + "): " + e + ". Restart KNIME" + (d.backend() == BackendChoice.CUDA
                            ? " with the CPU backend (-D" + BACKEND_PROPERTY + "=cpu or the preference page)."
                            : "."));
        }
        String cls = backend.getClass().getName();
        boolean cuda = cls.equals(BackendProbe.CUDA_BACKEND_CLASS);
        if (cuda != (d.backend() == BackendChoice.CUDA)) {
            // cannot happen with the filtering loader; fail loudly rather than report a wrong backend
            throw new IllegalStateException("ND4J started " + cls + " although " + d.backend() + " was chosen");
        }
        activeBackendClass = backend.getClass().getSimpleName();
        appliedRequest = req.choice();
        status = new BackendStatus(cuda ? "CUDA" : "CPU", d.reason(), cuda ? cudaDevice() : cpuDevice(kernels));
        ProcessSettings.afterNd4jStarted(d.backend());
        LOG.info("VAE Nodes: ND4J backend " + status);
        return status;
    }

    /** The active backend and why, or null if ND4J has not been started in this JVM. */
    public static BackendStatus status() {
        return status;
    }

    /** True once ND4J has been started. */
    public static boolean isStarted() {
        return status != null;
    }

    /**
     * Sets JavaCPP's off-heap limit ({@value #MAX_BYTES_PROPERTY}, e.g. "4G") unless the user already set it or
     * ND4J has started. Returns true if the value was applied.
     */
    public static synchronized boolean setOffHeapLimit(String maxBytes) {
        if (maxBytes == null || maxBytes.isBlank() || status != null
                || System.getProperty(MAX_BYTES_PROPERTY) != null) {
            return false;
        }
        if (!isByteCount(maxBytes)) {
            throw new IllegalArgumentException("Off-heap limit must be a byte count such as 4G or 4096m, not '"
                    + maxBytes + "'");
        }
        return ProcessSettings.setOffHeapLimit(maxBytes.trim());
    }

    /**
     * Whether {@code text} is a byte count as JavaCPP reads {@value #MAX_BYTES_PROPERTY}: digits with an optional unit
     * k, m, g or t and an optional trailing b, e.g. "4G", "4096m", "8589934592".
     */
    public static boolean isByteCount(String text) {
        return text != null && text.trim().matches("(?i)\\d+\\s*[kmgt]?b?");
    }

    /** The effective request: system property, then the caller's choice, then AUTO. */
    static Request request(BackendChoice caller) {
        String prop = System.getProperty(BACKEND_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            String what = "system property " + BACKEND_PROPERTY;
            return new Request(BackendChoice.parse(prop, what), "-D" + BACKEND_PROPERTY + "=" + prop.trim());
        }
        if (caller != null) {
            return new Request(caller, "VAE Nodes preference");
        }
        return new Request(BackendChoice.AUTO, "default");
    }

    private static BackendStatus statusFor(Request req) {
        BackendStatus s = status;
        if (req.choice() == appliedRequest) {
            return s;
        }
        return s.withNote("(" + req.choice() + " is now requested by " + req.source() + ", but ND4J already runs "
                + "on " + s.backend() + " in this JVM: restart KNIME to apply it.)");
    }

    /** E.g. "amd64, 8 cores, OpenBLAS SkylakeX kernels"; logs why those kernels. */
    private static String cpuDevice(String kernelReason) {
        String core = OpenBlasKernels.activeCoreName();
        LOG.info("VAE Nodes: OpenBLAS " + (core == null ? "kernels unknown" : core + " kernels") + ": "
                + kernelReason);
        return System.getProperty("os.arch", "?") + ", " + Runtime.getRuntime().availableProcessors() + " cores"
                + (core == null ? "" : ", OpenBLAS " + core + " kernels");
    }

    /** GPU name and memory from ND4J's environment information, best effort. */
    private static String cudaDevice() {
        try {
            Properties p = Nd4j.getExecutioner().getEnvironmentInformation();
            Object devices = p.get("cuda.devicesInformation");
            if (devices instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> m) {
                Object name = m.get("cuda.deviceName");
                Object mem = m.get("cuda.totalMemory");
                String memText = mem instanceof Number n ? String.format(", %,d MiB", n.longValue() >> 20) : "";
                return (name == null ? "CUDA device 0" : name.toString()) + memText;
            }
        } catch (RuntimeException e) {
            // fall through
        }
        return "unknown CUDA device";
    }
}
