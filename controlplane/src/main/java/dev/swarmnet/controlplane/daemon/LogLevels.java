package dev.swarmnet.controlplane.daemon;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.swarmnet.controlplane.config.SwarmnetConfig;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Sets the levels of the running JVM's loggers from the {@code logging:} section of the
 * configuration, at start and on each reload: the root logger gets {@code level}, each named
 * logger its own, and a logger named before but no longer is given back the level the logging
 * set-up ({@code logback.xml}) had given it. The edge to the logging backend (logback); where
 * another backend is bound, nothing changes and {@link #apply} says so. Thread-safe.
 */
public final class LogLevels {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(LogLevels.class);

    /** Loggers this class changed, and the level each had before (null: inherited). Guarded by the class. */
    private static final Map<String, Level> ORIGINAL = new HashMap<>();

    private LogLevels() {
    }

    /**
     * Applies {@code logging}.
     *
     * @return false when the logging backend is not logback (levels then come from its own set-up)
     */
    public static synchronized boolean apply(SwarmnetConfig.Logging logging) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            LOG.warn("logging levels not applied: the logging backend is {}, not logback",
                    factory.getClass().getName());
            return false;
        }
        Map<String, String> wanted = new HashMap<>(logging.loggers());
        wanted.put(org.slf4j.Logger.ROOT_LOGGER_NAME, logging.level());
        for (Map.Entry<String, Level> touched : new HashMap<>(ORIGINAL).entrySet()) {
            if (!wanted.containsKey(touched.getKey())) {
                context.getLogger(touched.getKey()).setLevel(touched.getValue());
                ORIGINAL.remove(touched.getKey());
            }
        }
        wanted.forEach((name, level) -> {
            Logger logger = context.getLogger(name);
            ORIGINAL.putIfAbsent(name, logger.getLevel());
            logger.setLevel(Level.toLevel(level.toUpperCase(Locale.ROOT), Level.INFO));
        });
        return true;
    }

    /** The level in effect for {@code logger} (its own or inherited), lower case; for diagnostics and tests. */
    public static String effectiveLevel(String logger) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            return context.getLogger(logger).getEffectiveLevel().toString().toLowerCase(Locale.ROOT);
        }
        return "unknown";
    }
}
