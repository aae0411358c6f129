package org.knime.core.data;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Name and type of a column (shim; no domain or handlers). */
public final class DataColumnSpec {

    private final String m_name;

    private final DataType m_type;

    private final List<String> m_elementNames;

    private final DataColumnProperties m_properties;

    DataColumnSpec(final String name, final DataType type, final List<String> elementNames,
        final DataColumnProperties properties) {
        m_properties = Objects.requireNonNull(properties, "Column properties must not be null");
        m_name = Objects.requireNonNull(name, "Column name must not be null");
        m_type = Objects.requireNonNull(type, "Column type must not be null");
        m_elementNames = elementNames == null ? List.of(name) : List.copyOf(elementNames);
    }

    public String getName() {
        return m_name;
    }

    public List<String> getElementNames() {
        return Collections.unmodifiableList(m_elementNames);
    }

    public DataColumnProperties getProperties() {
        return m_properties;
    }

    public DataType getType() {
        return m_type;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataColumnSpec c && c.m_name.equals(m_name) && c.m_type.equals(m_type)
            && c.m_elementNames.equals(m_elementNames) && c.m_properties.equals(m_properties);
    }

    @Override
    public int hashCode() {
        return m_name.hashCode() ^ m_type.hashCode();
    }

    @Override
    public String toString() {
        return m_name + " (" + m_type + ")";
    }
}
