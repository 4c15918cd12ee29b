package io.somnus.cli;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A line said on standard error when the JVM is stopped (Ctrl-C, SIGTERM) while a long command works, saying what
 * was kept and how to go on; said nothing once closed (the command ended on its own). {@code kill -9} runs no code.
 */
final class InterruptNotice implements AutoCloseable {
    private final Thread hook;
    private final String line;
    /** Where the notice is said: stderr, or a live progress bar's {@link Progress#say} (above the bar). */
    private volatile Consumer<String> say = StderrNote::say;

    InterruptNotice(String line) {
        this.line = line;
        hook = new Thread(this::sayNow, "somnus-interrupt-notice");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The notice of a sweep into {@code dir}: its finished runs are kept, and --resume goes on. */
    static InterruptNotice forSweep(Path dir) {
        return new InterruptNotice("whatever runs had finished are kept in " + dir
                + ", and a cut-short run's last resume snapshot (its last checkpoint or epoch, or the last one --snapshot-minutes "
                + "took); the same command with --resume goes on from there");
    }

    /**
     * The notice while a finished sweep's report is written: stopped there, it had said nothing (the sweep's notice
     * closes with its runs), and report.html was missing unexplained.
     */
    static InterruptNotice forReport(Path dir) {
        return new InterruptNotice("every run and the aggregates are kept in " + dir + "; report.html was not written "
                + "(somnus report " + dir + " writes it)");
    }

    /** What the hook does as the JVM stops: says the notice. */
    void sayNow() {
        say.accept(System.lineSeparator() + "somnus: interrupted; " + line);
    }

    /**
     * Says the notice through {@code say} from now on: a progress bar's, while it is live, so the bar's next redraw
     * does not write over the notice.
     */
    void sayThrough(Consumer<String> say) {
        this.say = say;
    }

    /** What the notice says after "somnus: interrupted; ". */
    String line() {
        return line;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping: the line is being said
        }
    }
}
