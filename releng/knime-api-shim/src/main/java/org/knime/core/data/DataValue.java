package org.knime.core.data;

/** Marker for the value interfaces cells implement (shim). */
public interface DataValue {
}
