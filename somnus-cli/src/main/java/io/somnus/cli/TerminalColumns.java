package io.somnus.cli;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The terminal's width in columns, for the bars drawn on it ({@link TerminalBars}). progressbar reads the width
 * through a JLine terminal of its own, opened with JLine's native signal handlers: while it was open (from a bar's
 * first drawing to its end), SIGINT had the OS's default action, so Ctrl-C killed the JVM at once, its shutdown hooks
 * unrun, and the interrupt notice ({@link InterruptNotice}) never showed; SIGTERM, not among JLine's signals, did.
 * This terminal is opened without them, once, and asked at each redraw, so a resized window is followed.
 */
final class TerminalColumns {
    /** progressbar's width where the terminal reports none or fewer than 10 columns (an IDE's console). */
    static final int FALLBACK = 80;

    private TerminalColumns() {
    }

    /** The terminal's width in columns, or {@link #FALLBACK}. */
    static int get() {
        Terminal terminal = Holder.TERMINAL;
        int columns = terminal == null ? 0 : terminal.getWidth();
        return columns >= 10 ? columns : FALLBACK;
    }

    /**
     * How the terminal is opened: JLine's handlers for SIGINT and the other terminal signals stay off (the JVM's own
     * run the shutdown hooks), and a dumb terminal without a warning where stderr is no terminal.
     */
    static TerminalBuilder builder() {
        return TerminalBuilder.builder().nativeSignals(false).dumb(true);
    }

    /** Opened at the first bar drawn on a terminal, kept for the JVM's life (JLine closes it as the JVM stops). */
    private static final class Holder {
        static final Terminal TERMINAL = open();

        private static Terminal open() {
            try {
                return builder().build();
            } catch (IOException | RuntimeException e) {
                return null; // no width to read: the fallback's
            }
        }
    }
}
