package org.knime.core.data.container;

import org.knime.core.data.DataRow;

/** Something rows can be added to (shim). */
public interface RowAppender {

    public void addRowToTable(final DataRow row);
}
