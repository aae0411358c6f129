package org.knime.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.knime.core.data.collection.CollectionDataValue;

/** Column/cell type (shim): the cell class, its value interfaces and, for collections, the element type. */
public final class DataType {

    private static final Map<Class<? extends DataCell>, DataType> NATIVE = new ConcurrentHashMap<>();

    private static final Map<String, String> NAMES = Map.of( //
        "org.knime.core.data.def.DoubleCell", "Number (Float)", //
        "org.knime.core.data.def.IntCell", "Number (Integer)", //
        "org.knime.core.data.def.LongCell", "Number (Long Integer)", //
        "org.knime.core.data.def.StringCell", "String", //
        "org.knime.core.data.image.png.PNGImageCell", "PNG Image", //
        "org.knime.core.data.collection.ListCell", "List");

    private final Class<? extends DataCell> m_cellClass;

    private final DataType m_elementType;

    private final List<Class<? extends DataValue>> m_valueClasses;

    private DataType(final Class<? extends DataCell> cellClass, final DataType elementType) {
        m_cellClass = Objects.requireNonNull(cellClass, "cell class");
        m_elementType = elementType;
        Set<Class<? extends DataValue>> values = new LinkedHashSet<>();
        for (Class<?> c = cellClass; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                collectValueInterfaces(i, values);
            }
        }
        m_valueClasses = Collections.unmodifiableList(new ArrayList<>(values));
    }

    @SuppressWarnings("unchecked")
    private static void collectValueInterfaces(final Class<?> i, final Set<Class<? extends DataValue>> into) {
        if (DataValue.class.isAssignableFrom(i)) {
            into.add((Class<? extends DataValue>)i);
        }
        for (Class<?> s : i.getInterfaces()) {
            collectValueInterfaces(s, into);
        }
    }

    public static DataCell getMissingCell() {
        return MissingCell.INSTANCE;
    }

    public static DataType getType(final Class<? extends DataCell> cell) {
        return NATIVE.computeIfAbsent(cell, c -> new DataType(c, null));
    }

    public static DataType getType(final Class<? extends DataCell> cellImplementsCollectionDataValue,
        final DataType collectionElementType) {
        if (collectionElementType == null) {
            return getType(cellImplementsCollectionDataValue);
        }
        if (!CollectionDataValue.class.isAssignableFrom(cellImplementsCollectionDataValue)) {
            throw new IllegalArgumentException(
                cellImplementsCollectionDataValue.getName() + " does not implement CollectionDataValue");
        }
        return new DataType(cellImplementsCollectionDataValue, collectionElementType);
    }

    public static DataType getCommonSuperType(final DataType type1, final DataType type2) {
        if (type1.isASuperTypeOf(type2)) {
            return type1;
        }
        if (type2.isASuperTypeOf(type1)) {
            return type2;
        }
        return getType(DataCell.class);
    }

    public boolean isMissingValueType() {
        return MissingCell.class.equals(m_cellClass);
    }

    public DataType getCollectionElementType() {
        return m_elementType;
    }

    public boolean isCollectionType() {
        return CollectionDataValue.class.isAssignableFrom(m_cellClass);
    }

    public List<Class<? extends DataValue>> getValueClasses() {
        return m_valueClasses;
    }

    /** The first value interface the cell class implements (DataValue for cells implementing none). */
    public Class<? extends DataValue> getPreferredValueClass() {
        return m_valueClasses.isEmpty() ? DataValue.class : m_valueClasses.get(0);
    }

    public boolean isASuperTypeOf(final DataType type) {
        if (type == this || type.isMissingValueType() || equals(type)) {
            return true;
        }
        for (Class<? extends DataValue> cl : m_valueClasses) {
            if (!type.isCompatible(cl)) {
                return false;
            }
        }
        if (isCollectionType() && m_elementType != null) {
            return type.m_elementType == null || m_elementType.isASuperTypeOf(type.m_elementType);
        }
        return true;
    }

    public boolean isCompatible(final Class<? extends DataValue> valueClass) {
        if (isMissingValueType()) {
            return true; // a missing value fits every column
        }
        return valueClass.isAssignableFrom(m_cellClass);
    }

    public Class<? extends DataCell> getCellClass() {
        return m_cellClass;
    }

    public String getName() {
        if (isMissingValueType()) {
            return "Missing Value";
        }
        String base = NAMES.getOrDefault(m_cellClass.getName(), m_cellClass.getSimpleName());
        return m_elementType == null ? base : base + " of " + m_elementType.getName();
    }

    @Override
    public String toString() {
        return getName();
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof DataType t && t.m_cellClass.equals(m_cellClass)
            && Objects.equals(t.m_elementType, m_elementType);
    }

    @Override
    public int hashCode() {
        return m_cellClass.hashCode() * 31 + Objects.hashCode(m_elementType);
    }

    /** The single missing cell. */
    private static final class MissingCell extends DataCell {
        private static final long serialVersionUID = 1L;

        static final MissingCell INSTANCE = new MissingCell();

        @Override
        public boolean isMissing() {
            return true;
        }

        @Override
        public String toString() {
            return "?";
        }

        @Override
        protected boolean equalsDataCell(final DataCell dc) {
            return dc.isMissing();
        }

        @Override
        public int hashCode() {
            return 0;
        }

        private Object readResolve() {
            return INSTANCE;
        }
    }
}
