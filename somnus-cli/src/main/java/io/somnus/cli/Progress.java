package io.somnus.cli;

import io.somnus.experiment.model.RunProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressState;

/**
 * A progress bar on stderr: redrawn in place on a terminal, one line every few seconds otherwise
 * (so CI logs stay readable). Each phase (data, train, evaluate) restarts its clock. A line said while the bar is
 * live ({@link #say}) goes above it on a terminal ({@link TerminalBars}): printed straight to stderr, the bar's next
 * redraw wrote over it; so do java.util.logging's records ({@link LogAboveBars}).
 */
final class Progress implements RunProgress, AutoCloseable {
    private final ProgressBar bar;
    private final PrintStream err;
    /** On a terminal: the bar's line, and the lines said above it; null otherwise. */
    private final TerminalBars terminal;
    /** On a terminal: java.util.logging's console lines said above the bar while it is live; null otherwise. */
    private final LogAboveBars logs;
    /** The clock of {@link #left}, in nanoseconds. */
    private final LongSupplier nanos;
    /** The bar's time left, which a note's pause (a checkpoint) does not make grow. */
    private final TimeLeft left;
    private String phase = "";
    /** A resumed run's phase that goes on from its snapshot's count ({@link #goesOnFrom}), or "". */
    private String resumedPhase = "";
    private long resumedFrom;
    /** Whether the bar shows a note beside the phase's name, which the phase's next update takes away. */
    private boolean noted;

    /** On stderr, a redrawn bar where the JVM has a terminal. */
    Progress(String task, long total) {
        this(task, total, System.err, ConsoleSweepListener.isTerminal());
    }

    /**
     * @param err      where to draw (stderr)
     * @param terminal redraw the bar in place, lines said above it (a terminal), or print lines (a log)
     */
    Progress(String task, long total, PrintStream err, boolean terminal) {
        this(task, total, err, terminal, 0);
    }

    /** @param columns on a terminal, the bar's line's columns; 0: the terminal's width less one */
    Progress(String task, long total, PrintStream err, boolean terminal, int columns) {
        this(task, total, err, terminal, columns, System::nanoTime);
    }

    /** @param nanos the clock of the time left, in nanoseconds ({@link System#nanoTime()}) */
    Progress(String task, long total, PrintStream err, boolean terminal, int columns, LongSupplier nanos) {
        this.err = err;
        this.nanos = nanos;
        this.left = new TimeLeft(nanos.getAsLong());
        this.terminal = terminal ? new TerminalBars(err, columns) : null;
        this.logs = terminal ? new LogAboveBars(this.terminal) : null;
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, total))
                .setRenderer(new BarRenderer(BarRenderer.Glyphs.ASCII, "", this::left, terminal))
                .setUpdateIntervalMillis(terminal ? 250 : 5000)
                // progressbar's refresh() draws only where the count moved since its last drawing: a note, or a
                // phase's last state, at a count its timer had already drawn was never shown
                .continuousUpdate()
                .setConsumer(terminal ? this.terminal.newBar()
                        : LogLines.of(err::println, UnaryOperator.identity(), 100));
        this.bar = b.build();
    }

    /**
     * Says {@code line} on stderr at once: on a terminal above the bar, which is drawn again below it, wrapped at word
     * boundaries to its width ({@link StderrNote}).
     */
    void say(String line) {
        if (terminal != null) {
            terminal.printAbove(StderrNote.wrapped(line, terminal.columns()));
        } else {
            err.println(line);
        }
    }

    @Override
    public synchronized void update(String newPhase, long done, long total) {
        if (!phase.isEmpty() && !newPhase.equals(phase)) {
            // the phase's last state before the next replaces it (where the bar prints a line every few seconds, a
            // phase would otherwise end on whatever line it printed last, e.g. training at 63 %)
            bar.refresh();
        }
        if (total > 0) {
            bar.maxHint(total);
        }
        if (noted && newPhase.equals(phase)) {
            left.resume(nanos.getAsLong());
            bar.setExtraMessage(phase); // the count moves again: the note is over
            noted = false;
        }
        if (!newPhase.equals(phase)) {
            bar.setExtraMessage(newPhase);
            noted = false;
            if (!phase.isEmpty()) {
                // each phase's own elapsed time and estimate (the readouts' pace is not training's); the reset draws
                // the bar at once, so the new phase's name and total come first
                left.restart(nanos.getAsLong());
                bar.reset();
            }
            if (newPhase.equals(resumedPhase)) {
                left.countFrom(resumedFrom); // the snapshot's units took no time on this clock
            }
            phase = newPhase;
        }
        if (total > 0) {
            left.counted(nanos.getAsLong(), done, total);
            bar.stepTo(done);
        }
    }

    /**
     * A resumed run (train --resume): its {@code phase} goes on from {@code done} units the process before it did (its
     * snapshot's, {@link io.somnus.experiment.run.ResumePoint#done}); the time left is paced by this process's units
     * alone. Before the phase's first update; returns this.
     */
    Progress goesOnFrom(String resumed, long done) {
        synchronized (this) {
            resumedPhase = resumed;
            resumedFrom = done;
        }
        return this;
    }

    /**
     * Shown in the phase's name's place (the task's name still says what runs), the bar drawn at once: a training's
     * count stands still through a checkpoint's evaluation (minutes at N_e = 1 600), which the bar's running clock
     * alone did not explain. On a narrow terminal the note keeps its first clause ("checkpoint 2/5", {@link
     * BarRenderer}); the time left does not grow while it shows ({@link TimeLeft}).
     */
    @Override
    public synchronized void note(String notePhase, String note) {
        if (notePhase.equals(phase)) {
            left.pause(nanos.getAsLong());
            bar.setExtraMessage(note);
            noted = true;
            bar.refresh();
        }
    }

    /** The bar's time left: the phase's units to go at their pace, a note's pause not counted as theirs. */
    private Optional<Duration> left(ProgressState state) {
        return left.left(nanos.getAsLong(), state.getCurrent() - state.getStart(),
                Math.max(0, state.getMax() - state.getCurrent()));
    }

    @Override
    public void close() {
        bar.close();
        if (logs != null) {
            logs.close();
        }
    }
}
