package org.vaenodes.knime.logging;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.knime.core.node.NodeLogger;

/**
 * Makes the messages of VAE Nodes reach KNIME's log (knime.log and KNIME's console) on every KNIME version we
 * support, which neither does by itself:
 * <ul>
 * <li>The engine is KNIME-free and logs through {@code java.util.logging} (backend choice, fallbacks, skipped data).
 * KNIME 5.3 does not forward that at all, and newer versions only for the loggers they know (org.knime…). A handler
 * on our JUL root ({@value #PREFIX}) hands each record to the {@link NodeLogger} of the same name.</li>
 * <li>KNIME's log4j configuration enables its own loggers (org.knime, com.knime) and leaves every other logger at the
 * root level, ERROR. KNIME 5.3 raised the level of other extensions' NodeLoggers itself; the newest cores no longer do,
 * so our warnings and information never reach the log there. We enable {@value #PREFIX} in log4j as KNIME enables
 * its own; the appenders still filter by the levels the user chose.</li>
 * </ul>
 * Installed once, when the bundle starts. log4j is reached by reflection through org.knime.core's class loader:
 * our bundle does not import it, and outside KNIME (our API shim) it is absent and nothing is installed.
 */
public final class KnimeLogRouting {

    /** The package prefix of all our loggers, engine and nodes. */
    static final String PREFIX = "org.vaenodes";

    /** Held for the JVM's lifetime: java.util.logging keeps loggers only weakly, and with them their handlers. */
    private static final Logger OUR_JUL_LOGGER = Logger.getLogger(PREFIX);

    private static boolean installed;

    private KnimeLogRouting() {
    }

    /**
     * Installs the routing where NodeLogger writes through log4j (KNIME). Anywhere else — our API shim's NodeLogger
     * writes through java.util.logging itself — there is nothing to route, and a JUL handler calling NodeLogger would
     * call itself.
     */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        ClassLoader knime = NodeLogger.class.getClassLoader();
        try {
            Class<?> logger = Class.forName("org.apache.log4j.Logger", true, knime);
            Class<?> level = Class.forName("org.apache.log4j.Level", true, knime);
            // our loggers at ALL in log4j, as KNIME sets its own: the appenders still filter by the user's levels
            Object ours = logger.getMethod("getLogger", String.class).invoke(null, PREFIX);
            logger.getMethod("setLevel", level).invoke(ours, level.getField("ALL").get(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            return; // not KNIME's NodeLogger
        }
        OUR_JUL_LOGGER.addHandler(new ToNodeLogger());
        OUR_JUL_LOGGER.setUseParentHandlers(false); // KNIME's log, not stderr
    }

    /** Each java.util.logging record to the NodeLogger of its logger's name, at the matching level. */
    static final class ToNodeLogger extends Handler {

        private final SimpleFormatter formatter = new SimpleFormatter();

        /** Set while a record is handed on: a NodeLogger that itself logged through JUL must not loop back here. */
        private final ThreadLocal<Boolean> publishing = ThreadLocal.withInitial(() -> false);

        @Override
        public void publish(LogRecord r) {
            if (publishing.get()) {
                return;
            }
            publishing.set(true);
            try {
                forward(r);
            } finally {
                publishing.set(false);
            }
        }

        private void forward(LogRecord r) {
            NodeLogger to = NodeLogger.getLogger(r.getLoggerName() == null ? PREFIX : r.getLoggerName());
            String message = formatter.formatMessage(r);
            Throwable t = r.getThrown();
            int level = r.getLevel().intValue();
            // KNIME 5.3's NodeLogger does not take a null Throwable: the one-argument methods when there is none
            if (level >= Level.SEVERE.intValue()) {
                if (t == null) {
                    to.error(message);
                } else {
                    to.error(message, t);
                }
            } else if (level >= Level.WARNING.intValue()) {
                if (t == null) {
                    to.warn(message);
                } else {
                    to.warn(message, t);
                }
            } else if (level >= Level.INFO.intValue()) {
                to.info(message);
            } else {
                to.debug(message);
            }
        }

        @Override
        public void flush() {
            // NodeLogger writes through
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
