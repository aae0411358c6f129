package org.knime.core.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logger facade (shim): forwards to java.util.logging and to listeners registered through the test bridge
 * (level names DEBUG, INFO, WARN, ERROR, FATAL, CODING).
 */
public final class NodeLogger {

    public static final String LOG_FILE = "knime.log";

    private static final Map<String, NodeLogger> LOGGERS = new ConcurrentHashMap<>();

    /** Receivers of every log event: (level, message). */
    static final List<BiConsumer<String, String>> LISTENERS = new CopyOnWriteArrayList<>();

    private final Logger m_logger;

    private NodeLogger(final String name) {
        m_logger = Logger.getLogger(name);
    }

    public static NodeLogger getLogger(final Class<?> c) {
        return getLogger(c.getName());
    }

    public static NodeLogger getLogger(final String s) {
        return LOGGERS.computeIfAbsent(s, NodeLogger::new);
    }

    public boolean isDebugEnabled() {
        return m_logger.isLoggable(Level.FINE);
    }

    public boolean isInfoEnabled() {
        return m_logger.isLoggable(Level.INFO);
    }

    @SuppressWarnings("unchecked")
    private void log(final String level, final Level jul, final Object msg, final Throwable t) {
        boolean wanted = !LISTENERS.isEmpty() || m_logger.isLoggable(jul);
        if (!wanted) {
            return;
        }
        Object o = msg instanceof Supplier<?> s ? ((Supplier<Object>)s).get() : msg;
        String text = ("CODING".equals(level) ? "CODING PROBLEM\t" : "") + o;
        for (BiConsumer<String, String> l : LISTENERS) {
            l.accept(level, text);
        }
        m_logger.log(jul, text, t);
    }

    public void debug(final Object o) {
        log("DEBUG", Level.FINE, o, null);
    }

    public void debug(final Supplier<Object> supplier) {
        log("DEBUG", Level.FINE, supplier, null);
    }

    public void debug(final Object o, final Throwable t) {
        log("DEBUG", Level.FINE, o, t);
    }

    public void debug(final Supplier<Object> supplier, final Throwable t) {
        log("DEBUG", Level.FINE, supplier, t);
    }

    public void debugWithFormat(final String format, final Object... args) {
        log("DEBUG", Level.FINE, (Supplier<Object>)() -> String.format(format, args), null);
    }

    public void info(final Object o) {
        log("INFO", Level.INFO, o, null);
    }

    public void info(final Supplier<Object> supplier) {
        log("INFO", Level.INFO, supplier, null);
    }

    public void info(final Object o, final Throwable t) {
        log("INFO", Level.INFO, o, t);
    }

    public void info(final Supplier<Object> supplier, final Throwable t) {
        log("INFO", Level.INFO, supplier, t);
    }

    public void infoWithFormat(final String format, final Object... args) {
        log("INFO", Level.INFO, (Supplier<Object>)() -> String.format(format, args), null);
    }

    public void warn(final Object o) {
        log("WARN", Level.WARNING, o, null);
    }

    public void warn(final Supplier<Object> supplier) {
        log("WARN", Level.WARNING, supplier, null);
    }

    public void warn(final Object o, final Throwable t) {
        log("WARN", Level.WARNING, o, t);
    }

    public void warn(final Supplier<Object> supplier, final Throwable t) {
        log("WARN", Level.WARNING, supplier, t);
    }

    public void warnWithFormat(final String format, final Object... args) {
        log("WARN", Level.WARNING, (Supplier<Object>)() -> String.format(format, args), null);
    }

    public void error(final Object o) {
        log("ERROR", Level.SEVERE, o, null);
    }

    public void error(final Supplier<Object> supplier) {
        log("ERROR", Level.SEVERE, supplier, null);
    }

    public void error(final Object o, final Throwable t) {
        log("ERROR", Level.SEVERE, o, t);
    }

    public void error(final Supplier<Object> supplier, final Throwable t) {
        log("ERROR", Level.SEVERE, supplier, t);
    }

    public void errorWithFormat(final String format, final Object... args) {
        log("ERROR", Level.SEVERE, (Supplier<Object>)() -> String.format(format, args), null);
    }

    public void fatal(final Object o) {
        log("FATAL", Level.SEVERE, o, null);
    }

    public void fatal(final Supplier<Object> supplier) {
        log("FATAL", Level.SEVERE, supplier, null);
    }

    public void fatal(final Object o, final Throwable t) {
        log("FATAL", Level.SEVERE, o, t);
    }

    public void fatal(final Supplier<Object> supplier, final Throwable t) {
        log("FATAL", Level.SEVERE, supplier, t);
    }

    public void fatalWithFormat(final String format, final Object... args) {
        log("FATAL", Level.SEVERE, (Supplier<Object>)() -> String.format(format, args), null);
    }

    public void coding(final Object o) {
        log("CODING", Level.SEVERE, o, null);
    }

    public void coding(final Supplier<Object> supplier) {
        log("CODING", Level.SEVERE, supplier, null);
    }

    public void coding(final Object o, final Throwable t) {
        log("CODING", Level.SEVERE, o, t);
    }

    public void coding(final Supplier<Object> supplier, final Throwable t) {
        log("CODING", Level.SEVERE, supplier, t);
    }

    public void codingWithFormat(final String format, final Object... args) {
        log("CODING", Level.SEVERE, (Supplier<Object>)() -> String.format(format, args), null);
    }
}
