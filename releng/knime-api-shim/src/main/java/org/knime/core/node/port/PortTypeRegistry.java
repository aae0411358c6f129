package org.knime.core.node.port;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory registry of port types; every class asked for gets registered (shim, no extension point). */
public final class PortTypeRegistry {

    private static final PortTypeRegistry INSTANCE = new PortTypeRegistry();

    private final Map<Class<? extends PortObject>, PortType> m_types = new LinkedHashMap<>();

    private final Map<Class<? extends PortObject>, PortType> m_optionalTypes = new LinkedHashMap<>();

    private PortTypeRegistry() {
    }

    public static PortTypeRegistry getInstance() {
        return INSTANCE;
    }

    public synchronized Collection<PortType> availablePortTypes() {
        return new ArrayList<>(m_types.values());
    }

    public synchronized PortType getPortType(final Class<? extends PortObject> portClass) {
        return getPortType(portClass, false);
    }

    @SuppressWarnings("deprecation")
    public synchronized PortType getPortType(final Class<? extends PortObject> portClass,
        final boolean isOptional) {
        PortType plain = m_types.computeIfAbsent(portClass, c -> new PortType(c, false));
        return isOptional ? m_optionalTypes.computeIfAbsent(portClass, c -> new PortType(c, true)) : plain;
    }

    public synchronized Optional<Class<? extends PortObject>> getObjectClass(final String className) {
        return m_types.keySet().stream().filter(c -> c.getName().equals(className)).findFirst();
    }

    public synchronized Optional<Class<? extends PortObjectSpec>> getSpecClass(final String className) {
        return m_types.values().stream().<Class<? extends PortObjectSpec>> map(PortType::getPortObjectSpecClass)
            .filter(c -> c.getName().equals(className)).findFirst();
    }
}
