package org.knime.core.data;

/** Cells holding a String value (shim). */
public interface StringValue extends DataValue {

    String getStringValue();
}
