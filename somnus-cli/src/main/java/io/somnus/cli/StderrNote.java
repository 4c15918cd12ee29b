package io.somnus.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.StringJoiner;

/**
 * A long line for stderr, such as train's "somnus: note: the frozen network will see …" (380 characters): on a
 * terminal wrapped at word boundaries to its width, where the terminal broke it mid-word; in a log (stderr no
 * terminal) one line, whole, so grep finds it. Every line of prose the CLI says on stderr goes through here (warnings,
 * errors, resume and import messages, a sweep's messages above its bars); bars and tables do not.
 */
final class StderrNote {
    private StderrNote() {
    }

    /** {@code line} on stderr: wrapped to the terminal's width on a terminal, one line otherwise. */
    static void say(String line) {
        say(System.err, line, columns());
    }

    /**
     * {@code line} on picocli's error stream ({@code CommandLine.getErr()}, stderr unless a test set another): wrapped
     * where stderr is a terminal, one line otherwise.
     */
    static void say(PrintWriter err, String line) {
        err.println(wrapped(line, columns()));
        err.flush();
    }

    /** The columns to wrap stderr's lines at: the terminal's less one where stderr is one, else 0 (none). */
    static int columns() {
        return ConsoleSweepListener.isTerminal() ? TerminalColumns.get() - 1 : 0;
    }

    /**
     * @param columns the width to wrap at; 0 or less: none (a log)
     */
    static void say(PrintStream err, String line, int columns) {
        err.println(wrapped(line, columns));
    }

    /**
     * {@code text} wrapped to {@code columns}, each of its lines on its own (a line break in it stays one), the lines
     * after a line's first indented under its label; 0 or less: {@code text} as it is.
     */
    static String wrapped(String text, int columns) {
        if (columns <= 0) {
            return text;
        }
        StringJoiner out = new StringJoiner("\n");
        for (String line : text.split("\n", -1)) {
            out.add(line.length() <= columns ? line : wrap(line, columns, indentOf(line)));
        }
        return out.toString();
    }

    /**
     * {@code text} broken at spaces into lines of at most {@code columns} characters, each after the first indented by
     * {@code indent} spaces; a word longer than a line stands alone on its line, whole.
     */
    static String wrap(String text, int columns, int indent) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String word : text.trim().split(" +")) {
            if (lineLength > 0 && lineLength + 1 + word.length() > columns) {
                out.append('\n').append(" ".repeat(indent));
                lineLength = indent;
            } else if (lineLength > 0) {
                out.append(' ');
                lineLength++;
            }
            out.append(word);
            lineLength += word.length();
        }
        return out.toString();
    }

    /** The lines after the first start under the text after "somnus: note: " (its label), at most 20 columns in. */
    private static int indentOf(String line) {
        int colon = line.lastIndexOf(": ", Math.min(line.length(), 24));
        return colon < 0 ? 0 : Math.min(20, colon + 2);
    }
}
