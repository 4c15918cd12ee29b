package io.somnus.experiment.sweep;

import io.somnus.experiment.run.RemoteRunException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A failed run's error as the ledger keeps it ({@link #describe}: the exception's simple name and message, then its
 * stack trace), and the same on one line for the console and the report ({@link #oneLine}).
 */
public final class RunErrors {
    /** A stack trace's own lines: "\tat …" (no line of a message opens with "at "), "Caused by: …", "\t... 3 more". */
    private static final Pattern TRACE = Pattern.compile("^\\s*at |^Caused by: |^\\s+\\.\\.\\. \\d+ more");

    private RunErrors() { }

    /**
     * First line: exception class and message; then the stack trace, for the ledger's error column. A run that failed
     * on a distributed engine ({@link RemoteRunException}) is described by the engine's own report, its cause: the
     * ledger's row names the run already.
     */
    public static String describe(Throwable e) {
        if (e instanceof RemoteRunException remote && remote.getCause() != null) {
            return describe(remote.getCause());
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message + "\n" + trace;
    }

    /**
     * The message of an error {@link #describe} wrote, without its stack trace, on one line: a message of several
     * lines (a dataset not found: "… into DIR:", the files indented below, then where it looked and why a download
     * failed) was cut to its first line, which ended at that colon. A line's indented lines after a colon become a list
     * ("into DIR: a.gz, b.gz"); other lines follow with a space, or after a list with "; ".
     */
    public static String oneLine(String error) {
        List<String> lines = error.lines().toList();
        if (lines.isEmpty()) {
            return "";
        }
        // the trace opens with the class's qualified name and the message again: "io.somnus.data.DatasetException: …"
        int colon = lines.get(0).indexOf(": ");
        String simple = colon < 0 ? lines.get(0) : lines.get(0).substring(0, colon);
        Pattern traceStart = Pattern.compile("^[\\w$]+(\\.[\\w$]+)*\\." + Pattern.quote(simple) + "(: |$)");
        StringBuilder out = new StringBuilder(lines.get(0).strip());
        boolean inList = false;
        for (String line : lines.subList(1, lines.size())) {
            if (traceStart.matcher(line).find() || TRACE.matcher(line).find()) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            boolean item = Character.isWhitespace(line.charAt(0));
            if (item && (inList || out.charAt(out.length() - 1) == ':')) {
                out.append(inList ? ", " : " ").append(line.strip());
                inList = true;
            } else {
                out.append(inList ? "; " : " ").append(line.strip());
                inList = false;
            }
        }
        return out.toString();
    }
}
