package io.somnus.cli;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Log4j 2's console lines said above a terminal's bars while they are live, as {@link LogAboveBars} says
 * java.util.logging's: Spark logs through Log4j 2 (and, once started, sends java.util.logging's records there too,
 * through SLF4J), and its console appender printed straight to stderr, among the bars. While open, each console
 * appender of the running configuration is set aside on every logger that writes to it, and one that says its events
 * above the bars, laid out by the console's layout and filtered by its filter, takes its place with the logger's
 * level and filter for it; closing puts the console appenders back. Other appenders (a log file) are left alone.
 *
 * <p>Loaded only where Log4j 2's core is on the class path ({@link LogAboveBars} checks, Spark brings it); acts only on
 * a logging context already started, so that a program that never logged through Log4j 2 is not made to.
 */
final class Log4jAboveBars implements AutoCloseable {
    private final LoggerContext context;
    private final Configuration configuration;
    private final List<Swap> swaps = new ArrayList<>();
    private final Map<Appender, Above> aboveOf = new IdentityHashMap<>();

    /** A console appender set aside on a logger, with the level and filter that logger had for it. */
    private record Swap(LoggerConfig logger, Appender console, Appender above, Level level, Filter filter) { }

    /**
     * @param say says an event's text (one line or more, without the line end) above the bars
     * @return the console appenders of the started Log4j 2 context routed above the bars, or null where no Log4j 2
     *         context has started (or Log4j's API runs on another implementation than its core)
     */
    static Log4jAboveBars ifStarted(Consumer<String> say) {
        ClassLoader loader = LogManager.class.getClassLoader(); // the context Spark's classes log to
        if (!LogManager.getFactory().hasContext(Log4jAboveBars.class.getName(), loader, false)
                || !(LogManager.getContext(loader, false) instanceof LoggerContext context)) {
            return null;
        }
        return new Log4jAboveBars(context, say);
    }

    /** Routes {@code context}'s console appenders above the bars ({@code say}). */
    Log4jAboveBars(LoggerContext context, Consumer<String> say) {
        this.context = context;
        this.configuration = context.getConfiguration();
        Set<LoggerConfig> loggers = new LinkedHashSet<>(configuration.getLoggers().values());
        loggers.add(configuration.getRootLogger());
        for (LoggerConfig logger : loggers) {
            for (Appender appender : logger.getAppenders().values()) {
                if (appender instanceof ConsoleAppender console) {
                    Above above = aboveOf.computeIfAbsent(console, c -> new Above(console, say));
                    AppenderRef ref = logger.getAppenderRefs().stream().filter(r -> r.getRef().equals(console.getName()))
                            .findFirst().orElse(null);
                    Swap swap = new Swap(logger, console, above, ref == null ? null : ref.getLevel(),
                            ref == null ? null : ref.getFilter());
                    // added before the console is removed: an event logged meanwhile is said twice, never lost
                    logger.addAppender(above, swap.level(), swap.filter());
                    logger.removeAppender(console.getName());
                    swaps.add(swap);
                }
            }
        }
    }

    @Override
    public void close() {
        if (context.getConfiguration() == configuration) { // a reconfiguration since brought consoles of its own
            for (Swap s : swaps) {
                s.logger().addAppender(s.console(), s.level(), s.filter());
                s.logger().removeAppender(s.above().getName());
            }
        }
        aboveOf.values().forEach(Above::stop);
        swaps.clear();
        aboveOf.clear();
    }

    /** A console appender's events, laid out as it would, said above the bars instead of printed among them. */
    private static final class Above extends AbstractAppender {
        private final Consumer<String> say;

        Above(ConsoleAppender console, Consumer<String> say) {
            super(console.getName() + " above the bars", console.getFilter(), console.getLayout(),
                    console.ignoreExceptions(), Property.EMPTY_ARRAY);
            this.say = say;
            start();
        }

        @Override
        public void append(LogEvent event) {
            Layout<? extends Serializable> layout = getLayout();
            say.accept(layout instanceof StringLayout text ? text.toSerializable(event)
                    : new String(layout.toByteArray(event), StandardCharsets.UTF_8));
        }
    }
}
