package org.knime.core.node.config.base;

import java.io.Serializable;
import java.util.Objects;

/** One node of a settings tree: either a leaf value or a sub-config (shim). */
public abstract class AbstractConfigEntry implements Serializable {

    private static final long serialVersionUID = 1L;

    private String m_key;

    AbstractConfigEntry(final String key) {
        m_key = key;
    }

    void setKeyInternal(final String key) {
        m_key = key;
    }

    public final String getKey() {
        return m_key;
    }

    public abstract String toStringValue();

    /** Whether the value (not the key) equals the other entry's value. */
    abstract boolean sameValue(AbstractConfigEntry other);

    @Override
    public String toString() {
        return m_key + " -> " + toStringValue();
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof AbstractConfigEntry other && other.getClass() == getClass()
            && Objects.equals(m_key, other.m_key) && sameValue(other);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(m_key);
    }
}
