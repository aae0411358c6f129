package org.knime.core.data;

import java.util.Objects;

/** Identifier of a row (shim). */
public final class RowKey {

    private final String m_id;

    public RowKey(final String id) {
        m_id = Objects.requireNonNull(id, "Row key must not be null");
    }

    public String getString() {
        return m_id;
    }

    @Override
    public String toString() {
        return m_id;
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof RowKey k && k.m_id.equals(m_id);
    }

    @Override
    public int hashCode() {
        return m_id.hashCode();
    }

    @Deprecated
    public static RowKey createRowKey(final int rowIndex) {
        return createRowKey((long)rowIndex);
    }

    public static RowKey createRowKey(final long rowIndex) {
        return new RowKey("Row" + rowIndex);
    }
}
