package org.vaenodes.engine.backend;

import java.util.Objects;

/**
 * One GPU as the NVIDIA driver reports it.
 *
 * @param index the driver's device ordinal (what CUDA_VISIBLE_DEVICES counts)
 * @param name  e.g. "NVIDIA GeForce RTX 3060"
 * @param major compute capability, major part (8 for 8.6)
 * @param minor compute capability, minor part (6 for 8.6)
 */
public record CudaDevice(int index, String name, int major, int minor) {

    public CudaDevice {
        Objects.requireNonNull(name, "name");
    }

    /** "8.6". */
    public String capability() {
        return major + "." + minor;
    }

    /** "GPU 0 (NVIDIA GeForce RTX 3060, compute capability 8.6)". */
    public String describe() {
        return "GPU " + index + " (" + name + ", compute capability " + capability() + ")";
    }
}
