package org.knime.core.data;

/** Cells holding a double value (shim). */
public interface DoubleValue extends DataValue {

    double getDoubleValue();
}
