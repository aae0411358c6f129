package org.knime.core.data;

import java.util.Arrays;
import java.util.List;

/** Builder for {@link DataColumnSpec} (shim). */
public final class DataColumnSpecCreator {

    private String m_name;

    private DataType m_type;

    private List<String> m_elementNames;

    private DataColumnProperties m_properties = new DataColumnProperties();

    public DataColumnSpecCreator(final String name, final DataType type) {
        setName(name);
        setType(type);
    }

    public DataColumnSpecCreator(final DataColumnSpec cspec) {
        this(cspec.getName(), cspec.getType());
        m_elementNames = cspec.getElementNames();
        m_properties = cspec.getProperties();
    }

    public void setName(final String name) {
        if (name == null) {
            throw new NullPointerException("Column name must not be null");
        }
        m_name = name;
    }

    public void setElementNames(final String[] elNames) {
        m_elementNames = elNames == null ? null : Arrays.asList(elNames.clone());
    }

    public void setProperties(final DataColumnProperties props) {
        if (props == null) {
            throw new NullPointerException("Column properties must not be null");
        }
        m_properties = props;
    }

    public void setType(final DataType type) {
        if (type == null) {
            throw new NullPointerException("Column type must not be null");
        }
        m_type = type;
    }

    public DataType getType() {
        return m_type;
    }

    public DataColumnSpec createSpec() {
        return new DataColumnSpec(m_name, m_type, m_elementNames, m_properties);
    }
}
