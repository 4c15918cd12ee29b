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
 */
final class LogAboveBars implements AutoCloseable {
    private final Logger root;
    private final List<Handler> consoles = new ArrayList<>();
    private final List<Handler> above = new ArrayList<>();

    /** Routes the root logger's console output above {@code bars}. */
    LogAboveBars(TerminalBars bars) {
        this(Logger.getLogger(""), bars::printAbove);
    }

    /**
     * @param root the logger whose console handlers are replaced (the root logger)
     * @param say  says a record's text (one line or more, without the line end) above the bars
     */
    LogAboveBars(Logger root, Consumer<String> say) {
        this.root = root;
        for (Handler h : root.getHandlers()) {
            if (h instanceof ConsoleHandler) {
                consoles.add(h);
                above.add(new Above(h, say));
            }
        }
        consoles.forEach(root::removeHandler);
        above.forEach(root::addHandler);
    }

    @Override
    public void close() {
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
                // the formatter ends the record with a line end; the bars' line below comes after it
                say.accept(getFormatter().format(record).replaceFirst("\\R+$", ""));
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
