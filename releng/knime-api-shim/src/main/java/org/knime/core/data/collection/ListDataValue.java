package org.knime.core.data.collection;

import org.knime.core.data.DataCell;

/** Value of list cells (shim). */
public interface ListDataValue extends CollectionDataValue {

    DataCell get(final int index);
}
