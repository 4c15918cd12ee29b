package io.somnus.cli;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * A progress bar's lines in a log (stderr not a terminal): each drawing printed as a line, but not one that repeats
 * the line before it word for word. The bar's closing draws it once more, so every log ended its bar with the same
 * 100 % line twice.
 */
final class LogLines implements Consumer<String> {
    private final Consumer<String> out;
    private String last;

    private LogLines(Consumer<String> out) {
        this.out = out;
    }

    /**
     * A bar's consumer that prints each drawing, {@code width} columns wide, as {@code line} makes it into a log line,
     * through {@code out}, a line equal to the one before it left out.
     */
    static ProgressBarConsumer of(Consumer<String> out, UnaryOperator<String> line, int width) {
        LogLines lines = new LogLines(out);
        return new DelegatingProgressBarConsumer(drawing -> lines.accept(line.apply(drawing)), width);
    }

    @Override
    public synchronized void accept(String line) {
        if (!line.equals(last)) {
            out.accept(line);
            last = line;
        }
    }
}
