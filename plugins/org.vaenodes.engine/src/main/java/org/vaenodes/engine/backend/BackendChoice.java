package org.vaenodes.engine.backend;

import java.util.Locale;

/** The ND4J backend a user asks for. */
public enum BackendChoice {
    /** ND4J's native CPU backend (OpenBLAS), always bundled. */
    CPU,
    /** ND4J's CUDA 11.6 backend; needs the CUDA backend feature and an NVIDIA driver. */
    CUDA,
    /** CUDA when it is usable, else CPU (with the reason logged). */
    AUTO;

    /**
     * Parses "cpu", "cuda" or "auto" (any case, surrounding blanks ignored).
     *
     * @param what names the source of the text for the error message, e.g. "system property vaenodes.backend"
     * @throws IllegalArgumentException for anything else, naming the accepted values
     */
    public static BackendChoice parse(String text, String what) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
        case "cpu" -> CPU;
        case "cuda" -> CUDA;
        case "auto" -> AUTO;
        default -> throw new IllegalArgumentException("Unknown ND4J backend '" + text + "'"
                + (what == null ? "" : " in " + what) + ": use cpu, cuda or auto");
        };
    }

    /** Parses like {@link #parse(String, String)} without naming a source. */
    public static BackendChoice parse(String text) {
        return parse(text, null);
    }

    /** Lower-case name as accepted by {@link #parse(String)}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
