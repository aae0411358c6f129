package org.knime.core.data;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;

/** Read-only key/value annotations of a column (shim: a sorted copy of the map it was made from). */
public final class DataColumnProperties implements Cloneable {

    private final Map<String, String> m_map;

    public DataColumnProperties() {
        this(Map.of());
    }

    public DataColumnProperties(final Map<String, String> content) {
        m_map = Collections.unmodifiableMap(new TreeMap<>(content));
    }

    public boolean containsProperty(final String key) {
        return m_map.containsKey(key);
    }

    public String getProperty(final String key, final String defaultValue) {
        return m_map.getOrDefault(key, defaultValue);
    }

    public String getProperty(final String key) {
        return m_map.get(key);
    }

    public int size() {
        return m_map.size();
    }

    public Enumeration<String> properties() {
        return Collections.enumeration(m_map.keySet());
    }

    public DataColumnProperties cloneAndOverwrite(final Map<String, String> newProperties) {
        TreeMap<String, String> merged = new TreeMap<>(m_map);
        merged.putAll(newProperties);
        return new DataColumnProperties(merged);
    }

    @Override
    public String toString() {
        return m_map.toString();
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof DataColumnProperties p && p.m_map.equals(m_map);
    }

    @Override
    public int hashCode() {
        return m_map.hashCode();
    }
}
