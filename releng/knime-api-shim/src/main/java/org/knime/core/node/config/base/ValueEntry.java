package org.knime.core.node.config.base;

import java.util.Objects;

/** A leaf of the settings tree: an XMLConfig type name ("xint", ...) plus the value in its XML string form. */
final class ValueEntry extends AbstractConfigEntry {

    private static final long serialVersionUID = 1L;

    final String m_type;

    final String m_value;

    ValueEntry(final String key, final String type, final String value) {
        super(key);
        m_type = type;
        m_value = value;
    }

    @Override
    public String toStringValue() {
        return m_value;
    }

    @Override
    boolean sameValue(final AbstractConfigEntry other) {
        ValueEntry o = (ValueEntry)other;
        return m_type.equals(o.m_type) && Objects.equals(m_value, o.m_value);
    }
}
