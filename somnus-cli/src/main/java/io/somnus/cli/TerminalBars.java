package io.somnus.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Progress bars on the last lines of a terminal, each redrawn in place on its own line, and lines of text printed at
 * once above them, the bars drawn again below. progressbar's {@code InteractiveConsoleProgressBarConsumer} moves the
 * cursor up to its bar's line and back down, and has no way to print above the bars: a line printed meanwhile tore
 * them, so the sweep held its messages back until the bars closed ("cannot go on from its snapshot" came after the
 * sweep). Each write here is one {@code print} under this object's lock, so a bar's redraw (the bars' own thread) and
 * a message (a sweep worker) never interleave.
 */
final class TerminalBars {
    private static final String CSI = "\u001b[";
    private final PrintStream out;
    /**
     * Columns a bar may take; 0 or less: the terminal's width less one, as progressbar's own console consumers, read
     * through {@link TerminalColumns} (progressbar's own reading of it made Ctrl-C kill the JVM without its notice).
     */
    private final int width;
    /** Each drawn bar's last text, top to bottom; the cursor stands at the start of the line below the last. */
    private final List<String> lines = new ArrayList<>();

    TerminalBars(PrintStream out, int width) {
        this.out = out;
        this.width = width;
    }

    /** A new bar's consumer: its line is the one below the bars drawn so far, from its first drawing on. */
    ProgressBarConsumer newBar() {
        return new Bar(this);
    }

    /** The columns a bar's line may take (a line of text too, to be wrapped at them: {@link StderrNote}). */
    int columns() {
        return width > 0 ? width : TerminalColumns.get() - 1;
    }

    /** Prints {@code text} (one line or more) above the bars at once, and the bars below it. */
    synchronized void printAbove(String text) {
        StringBuilder s = new StringBuilder();
        if (!lines.isEmpty()) {
            s.append(CSI).append(lines.size()).append("A\r").append(CSI).append('J'); // to the first bar; clear below
        }
        s.append(text).append('\n');
        for (String line : lines) {
            s.append(line).append('\n');
        }
        out.print(s);
        out.flush();
    }

    private synchronized void draw(Bar bar, String text) {
        if (bar.line < 0) {
            bar.line = lines.size();
            lines.add(text);
            out.print(text + "\n");
        } else {
            lines.set(bar.line, text);
            int up = lines.size() - bar.line;
            out.print(CSI + up + "A\r" + text + CSI + "K" + CSI + up + "B\r");
        }
        out.flush();
    }

    /**
     * {@code text} cut to {@code columns} display columns, its ANSI escape sequences (the bar's colours) counted as
     * none and kept, a reset appended where one was cut off: a line wider than the terminal would wrap, and every
     * bar below it would then be redrawn a line too high.
     */
    static String fit(String text, int columns) {
        StringBuilder s = new StringBuilder();
        int shown = 0;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u001b') {
                int end = i + 1;
                while (end < text.length() && !Character.isLetter(text.charAt(end))) {
                    end++;
                }
                s.append(text, i, Math.min(text.length(), end + 1));
                escaped = true;
                i = end;
            } else if (shown < columns) {
                s.append(c);
                shown++;
            } else {
                return escaped ? s + CSI + "0m" : s.toString();
            }
        }
        return s.toString();
    }

    /** One bar's line: progressbar renders the bar's text, the bars' object draws it. */
    private static final class Bar extends ConsoleProgressBarConsumer {
        private final TerminalBars bars;
        /** The bar's line among the bars, from the top; -1 until it is first drawn. */
        private int line = -1;

        Bar(TerminalBars bars) {
            super(bars.out, bars.width > 0 ? bars.width : -1);
            this.bars = bars;
        }

        /** The bars' width, never progressbar's TerminalUtils (see {@link TerminalColumns}). */
        @Override
        public int getMaxRenderedLength() {
            return bars.columns();
        }

        @Override
        public void accept(String rendered) {
            bars.draw(this, fit(rendered, getMaxRenderedLength()));
        }

        @Override
        public void close() {
            bars.out.flush(); // the line stays, the bar's last state: printAbove draws it again below a message
        }
    }
}
