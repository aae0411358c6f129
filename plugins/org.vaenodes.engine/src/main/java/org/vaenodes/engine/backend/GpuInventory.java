package org.vaenodes.engine.backend;

import java.util.List;
import java.util.Objects;

/**
 * The GPUs the NVIDIA driver reported before ND4J's CUDA backend starts, and which of them ND4J's kernels cannot run
 * on ({@link CudaKernelTargets}).
 *
 * @param queried whether the driver was asked (it is not when CUDA is not wanted or not installed)
 * @param devices what it reported
 * @param problem why the driver could not say (not initialised, no GPU), or null
 */
public record GpuInventory(boolean queried, List<CudaDevice> devices, String problem) {

    /** Not asked: nothing to check. */
    public static final GpuInventory NOT_QUERIED = new GpuInventory(false, List.of(), null);

    public GpuInventory {
        devices = List.copyOf(Objects.requireNonNull(devices, "devices"));
    }

    /** Asks {@code driver}; a failure becomes the inventory's problem. */
    public static GpuInventory query(CudaDriver driver) {
        try {
            return new GpuInventory(true, driver.devices(), null);
        } catch (CudaDriver.CudaDriverException e) {
            return new GpuInventory(true, List.of(), e.getMessage());
        }
    }

    /** The GPUs ND4J's kernels cannot run on. */
    public List<CudaDevice> unsupported() {
        return devices.stream().filter(d -> !CudaKernelTargets.runOn(d.major(), d.minor())).toList();
    }

    /** Why ND4J's CUDA backend cannot run here, or null if it can (or the driver was not asked). */
    public String whyNot() {
        if (!queried) {
            return null;
        }
        if (problem != null) {
            return "the NVIDIA driver reports no usable GPU (" + problem + ")";
        }
        if (devices.isEmpty()) {
            return "the NVIDIA driver reports no GPU";
        }
        List<CudaDevice> bad = unsupported();
        if (bad.isEmpty()) {
            return null;
        }
        String which = String.join(", ", bad.stream().map(CudaDevice::describe).toList());
        String rest = bad.size() < devices.size()
                ? "; hide " + (bad.size() == 1 ? "it" : "them") + " from CUDA (environment variable "
                        + "CUDA_VISIBLE_DEVICES, set before KNIME starts) to use the other GPUs"
                : "";
        return which + (bad.size() == 1 ? " is" : " are") + " too new or too old for them: "
                + CudaKernelTargets.describe() + rest;
    }
}
