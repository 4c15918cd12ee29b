package io.somnus.cli;

import java.io.PrintStream;

/**
 * A long line for stderr, such as train's "somnus: note: the frozen network will see …" (380 characters): on a
 * terminal wrapped at word boundaries to its width, where the terminal broke it mid-word; in a log (stderr no
 * terminal) one line, whole, so grep finds it.
 */
final class StderrNote {
    private StderrNote() {
    }

    /** {@code line} on stderr: wrapped to the terminal's width on a terminal, one line otherwise. */
    static void say(String line) {
        boolean terminal = ConsoleSweepListener.isTerminal();
        say(System.err, line, terminal ? TerminalColumns.get() - 1 : 0);
    }

    /**
     * @param columns the width to wrap at; 0 or less: none (a log)
     */
    static void say(PrintStream err, String line, int columns) {
        err.println(columns > 0 ? wrap(line, columns, indentOf(line)) : line);
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
