package org.vaenodes.knime.prefs;

import java.util.function.UnaryOperator;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IPreferencesService;

/**
 * Reads the VAE Nodes preferences through {@link Platform#getPreferencesService()} (instance scope, then the
 * defaults set by {@link VaeNodesPreferenceInitializer}) when the Eclipse platform runs. Kept apart so that
 * {@link VaeNodesPreferences} loads and falls back to its defaults where Eclipse is absent (plain unit tests, the
 * headless testflow runner).
 */
final class EclipsePreferenceLookup {

    private EclipsePreferenceLookup() {
    }

    /** key → stored value (null if none), or null if there is no running preference service. */
    static UnaryOperator<String> lookup() {
        try {
            return Holder.lookup();
        } catch (LinkageError e) { // org.eclipse.core.runtime not on the class path
            return null;
        }
    }

    /** Touches Eclipse classes only when called. */
    private static final class Holder {
        static UnaryOperator<String> lookup() {
            if (!Platform.isRunning()) {
                return null;
            }
            IPreferencesService service = Platform.getPreferencesService();
            if (service == null) {
                return null;
            }
            return key -> service.getString(VaeNodesPreferences.QUALIFIER, key, null, null);
        }
    }
}
