package org.vaenodes.engine.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides the ND4J backend from what was requested and what the machine offers. Pure: no I/O, no ND4J.
 *
 * <ul>
 * <li>CPU → CPU.</li>
 * <li>CUDA → CUDA if the CUDA backend, the NVIDIA driver and the CUDA 11.6 runtime are all present and ND4J's
 * kernels run on every GPU the driver reports ({@link GpuInventory}); otherwise a {@link BackendUnavailableException}
 * naming each missing piece or GPU (no silent fallback: the user asked for a GPU).</li>
 * <li>AUTO → CUDA if all that holds, else CPU with the reason.</li>
 * </ul>
 */
public final class BackendSelector {

    /** The feature a user installs to get the CUDA backend. */
    public static final String CUDA_FEATURE = "\"VAE Nodes — CUDA backend\"";

    private BackendSelector() {
    }

    /**
     * The decision: {@code backend} is CPU or CUDA, never AUTO.
     *
     * @param backend the backend to start
     * @param reason  why, for the user
     */
    public record Decision(BackendChoice backend, String reason) {

        public Decision {
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(reason, "reason");
            if (backend == BackendChoice.AUTO) {
                throw new IllegalArgumentException("a decision is CPU or CUDA");
            }
        }
    }

    /**
     * @param requested what was asked for
     * @param source    who asked, for the reason, e.g. "-Dvaenodes.backend=cuda" or "VAE Nodes preference"
     * @param probe     what this machine offers
     * @throws BackendUnavailableException if CUDA was requested and cannot be used
     */
    public static Decision select(BackendChoice requested, String source, BackendProbe probe) {
        return select(requested, source, probe, GpuInventory.NOT_QUERIED);
    }

    /**
     * As {@link #select(BackendChoice, String, BackendProbe)}, with the GPUs the driver reported (asked only when the
     * rest of CUDA is present, see {@link #needsGpuCheck}).
     */
    public static Decision select(BackendChoice requested, String source, BackendProbe probe, GpuInventory gpus) {
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(probe, "probe");
        String by = source == null || source.isBlank() ? "" : " (" + source + ")";
        List<String> missing = missing(probe);
        if (missing.isEmpty() && gpus.whyNot() != null) {
            missing.add(gpus.whyNot());
        }
        switch (requested) {
        case CPU:
            return new Decision(BackendChoice.CPU, "CPU requested" + by + ".");
        case CUDA:
            if (missing.isEmpty()) {
                return new Decision(BackendChoice.CUDA, "CUDA requested" + by + "; " + present(probe, gpus));
            }
            throw new BackendUnavailableException("The CUDA backend was requested" + by + " but cannot be used: "
                    + String.join("; ", missing) + ". Fix this, or choose the CPU or Auto backend (preference "
                    + "page VAE Nodes, or -Dvaenodes.backend=cpu|auto in knime.ini), then restart KNIME.");
        case AUTO:
        default:
            if (missing.isEmpty()) {
                return new Decision(BackendChoice.CUDA, "Auto" + by + ": " + present(probe, gpus));
            }
            return new Decision(BackendChoice.CPU, "Auto" + by + ": using the CPU because "
                    + String.join("; ", missing) + ".");
        }
    }

    /** What makes CUDA usable here, for the reason of a CUDA decision. */
    private static String present(BackendProbe probe, GpuInventory gpus) {
        return "CUDA backend, NVIDIA driver (" + probe.driverDetail() + ") and CUDA runtime (" + probe.runtimeDetail()
                + ") present" + (gpus.queried() ? "; " + String.join(", ", gpus.devices().stream()
                        .map(CudaDevice::describe).toList()) : "") + ".";
    }

    /**
     * Whether the driver should be asked for its GPUs: CUDA is wanted and everything else it needs is present (asking
     * loads and initialises the driver, which is pointless, and avoided, otherwise).
     */
    public static boolean needsGpuCheck(BackendChoice requested, BackendProbe probe) {
        return requested != BackendChoice.CPU && missing(probe).isEmpty();
    }

    /** Human-readable list of what CUDA lacks here; empty if CUDA is usable. */
    static List<String> missing(BackendProbe probe) {
        List<String> m = new ArrayList<>();
        if (!probe.cudaBackendPresent()) {
            m.add("the CUDA backend is not installed (" + BackendProbe.CUDA_BACKEND_CLASS + " not found): install "
                    + "the " + CUDA_FEATURE + " feature");
        }
        if (!probe.driverPresent()) {
            m.add("the NVIDIA driver is missing: " + BackendProbe.DRIVER_LIBRARY + " not loadable ("
                    + probe.driverDetail() + ")");
        }
        if (probe.cudaBackendPresent() && !probe.cudaRuntimePresent()) {
            // without the backend the runtime cannot be bundled anyway; one message about the backend suffices
            m.add("the CUDA 11.6 runtime is missing (" + probe.runtimeDetail() + "): install the CUDA backend "
                    + "feature with its bundled runtime, or CUDA 11.6");
        }
        return m;
    }
}
