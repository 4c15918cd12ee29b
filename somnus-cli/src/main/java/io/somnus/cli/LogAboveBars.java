package io.somnus.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.ConsoleHandler;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * java.util.logging's records said above a terminal's bars while they are live. The libraries Somnus runs log there
 * (netlib's warnings as it loads a BLAS, sqlite-jdbc's, JLine's), and the root logger's console handler printed their
 * lines straight to stderr, among the bars, whose next redraw then wrote over them. While open, each console handler
 * of the root logger is set aside and one that says its records above the bars takes its place, with its level,
 * filter and formatter; closing puts the console handlers back. Handlers of other kinds (a log file) are left alone.
 *
 * <p>Where Spark (with {@code --engine spark}) has started Log4j 2, its console appenders' lines go above the bars
 * too ({@link Log4jAboveBars}); Spark then also sends java.util.logging's records there.
 */
final class LogAboveBars implements AutoCloseable {
    /** Whether Log4j 2's core is on the class path (Spark's jars): {@link Log4jAboveBars} is loaded only then. */
    private static final boolean LOG4J = onClassPath("org.apache.logging.log4j.core.LoggerContext");
    private final Logger root;
    private final List<Handler> consoles = new ArrayList<>();
    private final List<Handler> above = new ArrayList<>();
    /** Log4j 2's console appenders said above the bars; null where no Log4j 2 context had started. */
    private final Log4jAboveBars log4j;

    /** Routes the root logger's console output above {@code bars}. */
    LogAboveBars(TerminalBars bars) {
        this(Logger.getLogger(""), bars::printAbove);
    }

    /**
     * @param root the logger whose console handlers are replaced (the root logger)
     * @param say  says a record's text (one line or more, without the line end) above the bars; Log4j 2's events
     *             too, where a Log4j 2 context has started
     */
    LogAboveBars(Logger root, Consumer<String> say) {
        this.root = root;
        // a formatter or layout ends a record with a line end; the bars' line below comes after it
        Consumer<String> sayFormatted = text -> say.accept(text.replaceFirst("\\R+$", ""));
        for (Handler h : root.getHandlers()) {
            if (h instanceof ConsoleHandler) {
                consoles.add(h);
                above.add(new Above(h, sayFormatted));
            }
        }
        consoles.forEach(root::removeHandler);
        above.forEach(root::addHandler);
        log4j = LOG4J ? Log4jAboveBars.ifStarted(sayFormatted) : null;
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, LogAboveBars.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (log4j != null) {
            log4j.close();
        }
        above.forEach(root::removeHandler);
        consoles.forEach(root::addHandler);
        above.clear();
        consoles.clear();
    }

    /** A console handler's records, formatted as it would, said above the bars instead of printed among them. */
    private static final class Above extends Handler {
        private final Consumer<String> say;

        Above(Handler console, Consumer<String> say) {
            this.say = say;
            setLevel(console.getLevel());
            setFilter(console.getFilter());
            setFormatter(console.getFormatter());
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            try {
                say.accept(getFormatter().format(record));
            } catch (RuntimeException e) {
                reportError(null, e, ErrorManager.FORMAT_FAILURE);
            }
        }

        @Override
        public void flush() {
            // each record is said at once
        }

        @Override
        public void close() {
            // the bars' stream is stderr's: not this handler's to close
        }
    }
}
