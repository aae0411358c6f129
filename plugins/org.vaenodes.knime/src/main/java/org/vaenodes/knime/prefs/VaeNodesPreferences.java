package org.vaenodes.knime.prefs;

import java.util.Locale;
import java.util.function.UnaryOperator;

import org.vaenodes.engine.backend.BackendChoice;
import org.vaenodes.engine.backend.BackendStatus;
import org.vaenodes.engine.backend.Nd4jRuntime;

/**
 * The VAE Nodes preferences (Preferences ▸ KNIME ▸ VAE Nodes): keys, defaults, validation, and how stored values
 * become what the engine is given. Free of Eclipse UI and KNIME types, so it is unit-testable without OSGi; the
 * stored values are read through {@link EclipsePreferenceLookup} only when the Eclipse platform is running, otherwise
 * the defaults apply.
 */
public final class VaeNodesPreferences {

    /** Preference node (the bundle's symbolic name), as in {@code InstanceScope.INSTANCE.getNode(QUALIFIER)}. */
    public static final String QUALIFIER = "org.vaenodes.knime";
    /** Key of the ND4J backend: {@code auto}, {@code cpu} or {@code cuda}. */
    public static final String BACKEND = "backend";
    /** Key of JavaCPP's off-heap limit: empty for ND4J's default, else e.g. {@code 4G} or {@code 4096m}. */
    public static final String OFF_HEAP_LIMIT = "offHeapLimit";

    /** Default backend: CUDA when usable, else CPU. */
    public static final BackendChoice DEFAULT_BACKEND = BackendChoice.AUTO;
    /** Default off-heap limit: none (JavaCPP's default, the JVM's maximum heap). */
    public static final String DEFAULT_OFF_HEAP_LIMIT = "";

    private VaeNodesPreferences() {
    }

    /** The stored values turned into what the engine needs. */
    public record Values(BackendChoice backend, String offHeapLimit) {
        /** All defaults. */
        public static Values defaults() {
            return new Values(DEFAULT_BACKEND, DEFAULT_OFF_HEAP_LIMIT);
        }
    }

    /** The backend the nodes use (before the system property {@code vaenodes.backend}, which wins in the engine). */
    public static BackendChoice backend() {
        return current().backend();
    }

    /** The off-heap limit the nodes apply, "" for none. */
    public static String offHeapLimit() {
        return current().offHeapLimit();
    }

    /** The current values: from the Eclipse preference service when it runs, else the defaults. */
    public static Values current() {
        return read(EclipsePreferenceLookup.lookup());
    }

    /**
     * Turns raw stored strings into values. An unknown backend or malformed limit (e.g. a hand-edited preference
     * file) falls back to the default rather than failing nodes.
     *
     * @param lookup key → stored string, or null where nothing is stored; null for "no preference service"
     */
    public static Values read(UnaryOperator<String> lookup) {
        if (lookup == null) {
            return Values.defaults();
        }
        return new Values(toBackend(lookup.apply(BACKEND)), toOffHeapLimit(lookup.apply(OFF_HEAP_LIMIT)));
    }

    /** "auto", "cpu", "cuda" (any case) → the choice; null, blank or anything else → {@link #DEFAULT_BACKEND}. */
    public static BackendChoice toBackend(String stored) {
        if (stored == null || stored.isBlank()) {
            return DEFAULT_BACKEND;
        }
        try {
            return BackendChoice.parse(stored);
        } catch (IllegalArgumentException e) {
            return DEFAULT_BACKEND;
        }
    }

    /** Trimmed limit if valid ({@link #validateOffHeapLimit}), else "" (no limit). */
    public static String toOffHeapLimit(String stored) {
        return stored == null || validateOffHeapLimit(stored) != null ? DEFAULT_OFF_HEAP_LIMIT : stored.trim();
    }

    /**
     * Checks an off-heap limit as typed on the page: empty, or a positive byte count with an optional unit (k, m,
     * g, t; optional trailing b), as JavaCPP accepts for {@code org.bytedeco.javacpp.maxbytes}.
     *
     * @return null if valid, else an error message for the page
     */
    public static String validateOffHeapLimit(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return null;
        }
        if (!Nd4jRuntime.isByteCount(t)) {
            return "Off-heap limit must be empty (ND4J's default) or a size such as 4G, 4096m or 8589934592, not '"
                + t + "'.";
        }
        String digits = t.replaceAll("(?i)[^0-9]", "");
        if (digits.replaceFirst("^0+", "").isEmpty()) {
            return "Off-heap limit must be greater than zero.";
        }
        return null;
    }

    /**
     * The read-only status line of the preference page: what ND4J runs on and why, or that it has not started yet;
     * plus a note when the system property overrides the page, or when the page's choice needs a restart.
     *
     * @param status    {@link Nd4jRuntime#status()}, null if ND4J has not started in this JVM
     * @param sysProp   value of the system property {@value Nd4jRuntime#BACKEND_PROPERTY}, or null
     * @param onThePage the backend currently selected on the page (null if unknown)
     * @param applied   the preference the nodes gave the engine before it started (EngineSetup.applied()),
     *                  null if unknown
     */
    public static String statusText(BackendStatus status, String sysProp, BackendChoice onThePage,
        BackendChoice applied) {
        StringBuilder sb = new StringBuilder();
        if (status == null) {
            sb.append("Not started yet — the backend is chosen at the first VAE node execution.");
        } else {
            sb.append("Active: ").append(status.backend()).append(" (").append(status.device()).append("). ")
                .append(status.reason());
        }
        boolean overridden = sysProp != null && !sysProp.isBlank();
        if (overridden) {
            sb.append("\nThe system property -D").append(Nd4jRuntime.BACKEND_PROPERTY).append('=')
                .append(sysProp.trim()).append(" (knime.ini or command line) overrides the backend chosen here.");
        } else if (status != null) {
            if (onThePage != null && applied != null && onThePage != applied) {
                sb.append("\nRestart KNIME to use ").append(label(onThePage)).append(": ND4J started with ")
                    .append(label(applied)).append(" and picks its backend once per JVM.");
            } else {
                sb.append("\nA different backend applies after a KNIME restart (ND4J picks it once per JVM).");
            }
        }
        return sb.toString();
    }

    /**
     * True if changing the page's backend from {@code before} to {@code after} cannot take effect in this JVM
     * because ND4J has already started.
     */
    public static boolean restartNeeded(BackendChoice before, BackendChoice after) {
        return Nd4jRuntime.isStarted() && before != after;
    }

    /** "Auto", "CPU", "CUDA" for the page. */
    public static String label(BackendChoice c) {
        return c == BackendChoice.AUTO ? "Auto" : c.name().toUpperCase(Locale.ROOT);
    }
}
