package org.knime.core.data;

/** Cells holding a long value (shim). */
public interface LongValue extends DataValue {

    long getLongValue();
}
