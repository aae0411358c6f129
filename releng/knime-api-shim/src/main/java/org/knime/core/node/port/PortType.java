package org.knime.core.node.port;

import java.lang.reflect.Method;
import java.util.Map;

/** Type of a node port: a port object class plus an optional flag (shim). */
public final class PortType {

    public static final int DEFAULT_COLOR = 0xff9b9b9b;

    private static final Map<String, String> NAMES = Map.of( //
        "org.knime.core.node.BufferedDataTable", "Table", //
        "org.knime.core.node.port.PortObject", "Generic Port", //
        "org.knime.core.node.port.image.ImagePortObject", "Image");

    private final Class<? extends PortObject> m_objectClass;

    private final Class<? extends PortObjectSpec> m_specClass;

    private final boolean m_optional;

    @Deprecated
    public PortType(final Class<? extends PortObject> objectClass, final boolean isOptional) {
        m_objectClass = objectClass;
        m_specClass = getPortObjectSpecClass(objectClass);
        m_optional = isOptional;
    }

    @Deprecated
    public PortType(final Class<? extends PortObject> objectClass) {
        this(objectClass, false);
    }

    public String getName() {
        String n = NAMES.get(m_objectClass.getName());
        return n != null ? n : m_objectClass.getSimpleName().replaceAll("PortObject$", "");
    }

    public int getColor() {
        return DEFAULT_COLOR;
    }

    public Class<? extends PortObjectSpec> getPortObjectSpecClass() {
        return m_specClass;
    }

    public Class<? extends PortObject> getPortObjectClass() {
        return m_objectClass;
    }

    public boolean isOptional() {
        return m_optional;
    }

    public boolean isSuperTypeOf(final PortType subType) {
        return m_objectClass.isAssignableFrom(subType.m_objectClass);
    }

    public boolean acceptsPortObjectSpec(final PortObjectSpec spec) {
        return spec == null || m_specClass.isAssignableFrom(spec.getClass());
    }

    public boolean acceptsPortObjectClass(final Class<? extends PortObject> portObjectClass) {
        return m_objectClass.isAssignableFrom(portObjectClass);
    }

    public boolean acceptsPortObject(final PortObject obj) {
        return obj == null || m_objectClass.isInstance(obj);
    }

    public static Class<? extends PortObjectSpec> getPortObjectSpecClass(
        final Class<? extends PortObject> objectClass) {
        try {
            Method m = objectClass.getMethod("getSpec");
            return m.getReturnType().asSubclass(PortObjectSpec.class);
        } catch (NoSuchMethodException | ClassCastException e) {
            return PortObjectSpec.class;
        }
    }

    @Override
    public String toString() {
        return getName() + (m_optional ? " (optional)" : "");
    }

    @Override
    public int hashCode() {
        return m_objectClass.hashCode();
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof PortType t && t.m_objectClass.equals(m_objectClass);
    }
}
