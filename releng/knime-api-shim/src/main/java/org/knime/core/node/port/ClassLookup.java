package org.knime.core.node.port;

/** Resolves class names written by the serializers (registry first, then class loaders). */
final class ClassLookup {

    private ClassLookup() {
    }

    static Class<?> find(final String className, final boolean spec) throws ClassNotFoundException {
        PortTypeRegistry reg = PortTypeRegistry.getInstance();
        Class<?> known = spec ? reg.getSpecClass(className).orElse(null) : reg.getObjectClass(className).orElse(null);
        if (known != null) {
            return known;
        }
        ClassLoader ctx = Thread.currentThread().getContextClassLoader();
        if (ctx != null) {
            try {
                return Class.forName(className, true, ctx);
            } catch (ClassNotFoundException e) { // NOSONAR try the next loader
                // fall through
            }
        }
        return Class.forName(className, true, ClassLookup.class.getClassLoader());
    }
}
