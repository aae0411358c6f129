package org.vaenodes.engine.backend;

import java.util.Objects;

/**
 * The ND4J backend in use (or chosen) and why.
 *
 * @param backend "CPU" or "CUDA"
 * @param reason  why this backend, in words for a user (what was requested, by whom, and what is missing if it fell
 *                back); may end with a note that a restart is needed for a different request to apply
 * @param device  what it runs on, e.g. "x86_64, 8 cores" or "NVIDIA GeForce RTX 3060, 12,288 MiB"; may be
 *                "unknown"
 */
public record BackendStatus(String backend, String reason, String device) {

    public BackendStatus {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(device, "device");
        if (!backend.equals("CPU") && !backend.equals("CUDA")) {
            throw new IllegalArgumentException("backend must be CPU or CUDA, not " + backend);
        }
    }

    /** True if CUDA is in use. */
    public boolean isCuda() {
        return backend.equals("CUDA");
    }

    /** The same status with {@code note} appended to the reason. */
    public BackendStatus withNote(String note) {
        return new BackendStatus(backend, reason + " " + note, device);
    }

    /** One line for logs and views: "CPU (x86_64, 8 cores): reason". */
    @Override
    public String toString() {
        return backend + " (" + device + "): " + reason;
    }
}
