package org.vaenodes.knime.prefs;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;

/**
 * Default values of the VAE Nodes preferences, in {@link DefaultScope} (registered on
 * {@code org.eclipse.core.runtime.preferences}). No UI classes: this runs headless too (batch executor, tests).
 */
public final class VaeNodesPreferenceInitializer extends AbstractPreferenceInitializer {

    @Override
    public void initializeDefaultPreferences() {
        IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(VaeNodesPreferences.QUALIFIER);
        defaults.put(VaeNodesPreferences.BACKEND, VaeNodesPreferences.DEFAULT_BACKEND.key());
        defaults.put(VaeNodesPreferences.OFF_HEAP_LIMIT, VaeNodesPreferences.DEFAULT_OFF_HEAP_LIMIT);
    }
}
