package org.knime.core.data;

/** Cells holding a int value (shim). */
public interface IntValue extends DataValue {

    int getIntValue();
}
