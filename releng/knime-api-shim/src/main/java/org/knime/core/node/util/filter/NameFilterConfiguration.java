package org.knime.core.node.util.filter;

import java.util.List;

/**
 * Include/exclude name filter (shim). Only the result type is provided; the filtering itself lives in the settings
 * model that uses it ({@code SettingsModelColumnFilter2}).
 */
public class NameFilterConfiguration implements Cloneable {

    private NameFilterConfiguration() {
        // not instantiable in the shim
    }

    /** Names included and excluded by a filter, plus the configured names the input no longer has. */
    public static class FilterResult {

        private final String[] m_includes;

        private final String[] m_excludes;

        private final String[] m_removedFromIncludes;

        private final String[] m_removedFromExcludes;

        public FilterResult(final List<String> incls, final List<String> excls, final List<String> removedFromIncludes,
            final List<String> removedFromExcludes) {
            this(incls.toArray(new String[0]), excls.toArray(new String[0]),
                removedFromIncludes.toArray(new String[0]), removedFromExcludes.toArray(new String[0]));
        }

        protected FilterResult(final String[] incls, final String[] excls, final String[] removedFromIncludes,
            final String[] removedFromExcludes) {
            m_includes = incls;
            m_excludes = excls;
            m_removedFromIncludes = removedFromIncludes;
            m_removedFromExcludes = removedFromExcludes;
        }

        public String[] getIncludes() {
            return m_includes;
        }

        public String[] getExcludes() {
            return m_excludes;
        }

        public String[] getRemovedFromIncludes() {
            return m_removedFromIncludes;
        }

        public String[] getRemovedFromExcludes() {
            return m_removedFromExcludes;
        }
    }
}
