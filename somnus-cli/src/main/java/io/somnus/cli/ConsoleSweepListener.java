package io.somnus.cli;

import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.io.RunDirectory;
import io.somnus.experiment.model.SummaryFields;
import io.somnus.experiment.sweep.FinishedRun;
import io.somnus.experiment.sweep.PlannedRun;
import io.somnus.experiment.sweep.RunErrors;
import io.somnus.experiment.sweep.RunOutcome;
import io.somnus.experiment.sweep.RunStatus;
import io.somnus.experiment.sweep.StudyCalibration;
import io.somnus.experiment.sweep.RunWork;
import io.somnus.experiment.sweep.SweepCommandSupport;
import io.somnus.experiment.sweep.SweepEta;
import io.somnus.experiment.sweep.SweepListener;
import io.somnus.experiment.sweep.SweepPlan;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Shows a sweep's progress on stderr. On a terminal: an overall bar (runs done of runs to do) and one bar
 * per worker with its current run's phase and id, redrawn in place; a checkpoint's note in the phase's place while the
 * run's count waits on it, as train's bar shows it. Otherwise (CI, a log file): plain lines, one when a run starts or
 * finishes, one per checkpoint of a run (as train's log has a line for each), and the overall progress every
 * {@code logIntervalSeconds}.
 */
public final class ConsoleSweepListener implements SweepListener, AutoCloseable {
    private final PrintStream err;
    private final boolean interactive;
    private final int workers;
    private final int logIntervalSeconds;
    /** On a terminal, the bars' lines' columns; 0: the terminal's width less one. */
    private final int columns;
    /** On a terminal, from the sweep's start: the bars' lines, and the messages printed above them. */
    private TerminalBars terminal;
    /** On a terminal, while the bars are live: java.util.logging's console lines said above them. */
    private LogAboveBars logs;
    /** Volatile: the bar's own thread reads it to redraw the time left (see {@link #etaForBar}). */
    private volatile ProgressBar overall;
    private ProgressBar[] workerBars = new ProgressBar[0];
    /** Per worker bar: where its run went on from a resume snapshot (", from image 41 of 100"), or "". */
    private String[] resumedFrom = new String[0];
    /** Per worker bar: its run's phase as last drawn, or "" before the run's first update. */
    private String[] phases = new String[0];
    private int toRun;
    /**
     * The overall bar's time left: the runs to go weighted by their work (a count of runs misleads), "pending" or a
     * range where no comparable run has finished (said in the bar's message; the bar's own "left" is then not shown).
     */
    private SweepEta eta = new SweepEta(List.of(), 1);
    private int finished;
    private volatile int failed;
    private long started;

    /**
     * @param err                where to draw (stderr)
     * @param interactive        redraw bars in place (a terminal) or print lines (a log)
     * @param workers            number of sweep workers (one bar each on a terminal)
     * @param logIntervalSeconds seconds between overall progress lines when not interactive
     */
    public ConsoleSweepListener(PrintStream err, boolean interactive, int workers, int logIntervalSeconds) {
        this(err, interactive, workers, logIntervalSeconds, 0);
    }

    /** @param columns on a terminal, the bars' lines' columns; 0: the terminal's width less one */
    ConsoleSweepListener(PrintStream err, boolean interactive, int workers, int logIntervalSeconds, int columns) {
        this.err = err;
        this.interactive = interactive;
        this.workers = workers;
        this.logIntervalSeconds = logIntervalSeconds;
        this.columns = columns;
    }

    /** For stderr: interactive when the JVM has a terminal. */
    public static ConsoleSweepListener forStderr(int workers) {
        return new ConsoleSweepListener(System.err, isTerminal(), workers, 30);
    }

    /**
     * Whether the JVM talks to a terminal: {@code System.console()} is null otherwise up to Java 21; from
     * Java 22 it always exists and {@code Console.isTerminal()} says.
     */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** As the runner starts a sweep: the time left learns from the runs finished before, a resumed sweep's too. */
    @Override
    public synchronized void started(SweepPlan plan, List<PlannedRun> runs, List<FinishedRun> alreadyDone) {
        this.toRun = runs.size();
        int used = Math.min(workers, Math.max(1, toRun)); // as the runner: no more workers than runs
        this.started = System.nanoTime();
        this.eta = SweepEta.of(runs, alreadyDone, StudyCalibration.costKey(plan.spec()), used);
        err.println(StderrNote.wrapped("sweep '" + plan.spec().name() + "': " + plan.runs().size() + " runs"
                + SweepCommandSupport.sharingInWords(plan) + ", " + alreadyDone.size()
                + " already done, " + toRun + " to run on " + used + " worker(s)",
                interactive ? TerminalColumns.get() - 1 : 0));
        if (toRun == 0) {
            return;
        }
        if (interactive) {
            terminal = new TerminalBars(err, columns);
            if (logs != null) { // a listener started again: its earlier routing ends first
                logs.close();
            }
            logs = new LogAboveBars(terminal);
            overall = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(toRun)
                    .setRenderer(new BarRenderer(BarRenderer.Glyphs.COLOURED_BLOCKS, " runs", state -> etaForBar(),
                            true))
                    .setUpdateIntervalMillis(500)
                    .setConsumer(terminal.newBar()).build();
            workerBars = new ProgressBar[Math.min(workers, toRun)];
            resumedFrom = new String[workerBars.length];
            Arrays.fill(resumedFrom, "");
            phases = new String[workerBars.length];
            Arrays.fill(phases, "");
            for (int i = 0; i < workerBars.length; i++) {
                workerBars[i] = new ProgressBarBuilder().setTaskName("worker " + (i + 1)).setInitialMax(1)
                        .setRenderer(new BarRenderer(BarRenderer.Glyphs.ASCII, "", null, true))
                        .setUpdateIntervalMillis(500)
                        // drawn where the count has not moved too: a checkpoint's note comes at a count already drawn
                        .continuousUpdate()
                        .setConsumer(terminal.newBar()).build();
                workerBars[i].setExtraMessage("idle");
            }
        } else {
            // the bar drawn in 100 columns, the message after it in full: the bar's own message would be cut there
            // ("pending (no paper or paper-sg or paper-sg-code run done yet)" lost its end)
            overall = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(toRun)
                    .setRenderer(new BarRenderer(BarRenderer.Glyphs.ASCII, " runs", state -> etaForBar(), false))
                    .setUpdateIntervalMillis(logIntervalSeconds * 1000)
                    .setConsumer(LogLines.of(err::println, this::withMessage, 100)).build();
        }
    }

    /**
     * At once: on a terminal above the bars, which are drawn again below it (a line printed among them tore them),
     * wrapped at word boundaries to its width ({@link StderrNote}); in a log one line, whole.
     */
    @Override
    public synchronized void message(String line) {
        if (terminal != null) {
            terminal.printAbove(StderrNote.wrapped(line, terminal.columns()));
        } else {
            err.println(line);
        }
    }

    @Override
    public synchronized void runStarted(int worker, String runId) {
        eta.started(runId, now());
        showEta();
        if (interactive) {
            ProgressBar bar = bar(worker);
            if (bar != null) {
                resumedFrom[worker - 1] = "";
                phases[worker - 1] = "";
                // the message first: reset() draws at once, and showed the last run's "done" or note beside the new count
                bar.setExtraMessage(runId);
                bar.reset();
                bar.maxHint(1);
            }
        } else {
            err.println("[worker " + worker + "] start " + runId);
        }
    }

    /** Where the run goes on, one line in a log, in its worker's bar on a terminal (as train --resume says it). */
    @Override
    public synchronized void runResumed(int worker, String runId, String from, RunWork left) {
        eta.resumed(runId, left);
        showEta();
        if (from == null) {
            return; // it runs from the start after all: the runner says why
        }
        if (interactive) {
            ProgressBar bar = bar(worker);
            if (bar != null) {
                resumedFrom[worker - 1] = ", from " + from;
                bar.setExtraMessage(runId + resumedFrom[worker - 1]);
            }
        } else {
            err.println("[worker " + worker + "] resume " + runId + " from " + from);
        }
    }

    /**
     * On a terminal, the worker's bar: its phase and run, which end a note; a new phase drawn at once, so that the
     * phase before's last note (a checkpoint's) is not drawn beside the new phase's count.
     */
    @Override
    public synchronized void runProgress(int worker, String runId, String phase, long done, long total) {
        ProgressBar bar = interactive ? bar(worker) : null;
        if (bar != null) {
            bar.setExtraMessage(phase + " " + runId + resumedFrom[worker - 1]);
            bar.maxHint(Math.max(1, total));
            bar.stepTo(Math.min(done, Math.max(1, total)));
            if (!phase.equals(phases[worker - 1])) {
                phases[worker - 1] = phase;
                bar.refresh();
            }
        }
    }

    /**
     * The note with the run's id after its first clause: "checkpoint 2/5 RUN: readouts on 200 + 50 images". On a
     * terminal, the worker's bar shows it in the phase's place, drawn at once (a checkpoint's readouts take minutes at
     * N_e = 1 600, the count standing still), which at 80 columns keeps "checkpoint 2/5 RUN…" ({@link BarRenderer#cut});
     * the run's next update ends it. In a log, a line of its own for each note, as train's log has one for each
     * checkpoint: a run has {@code train.checkpoints} of them (paper-code's 10), so a long run is followed in the log
     * without a flood.
     */
    @Override
    public synchronized void runNote(int worker, String runId, String phase, String note) {
        int clause = note.indexOf(": ");
        String withRun = clause > 0 ? note.substring(0, clause) + " " + runId + note.substring(clause)
                : note + " " + runId;
        if (!interactive) {
            err.println("[worker " + worker + "] " + withRun);
            return;
        }
        ProgressBar bar = bar(worker);
        if (bar != null) {
            bar.setExtraMessage(withRun);
            bar.refresh();
        }
    }

    @Override
    public synchronized void runFinished(int worker, RunOutcome outcome) {
        finished++;
        eta.finished(outcome.runId(), outcome.wallSeconds(), outcome.status() == RunStatus.DONE, outcome.resumed(),
                SweepEta.phaseSeconds(outcome.runDir()));
        if (outcome.status() == RunStatus.FAILED) {
            failed++;
        }
        String error = outcome.error() == null ? "" : ": " + RunErrors.oneLine(outcome.error());
        if (interactive) {
            ProgressBar bar = bar(worker);
            if (bar != null) {
                bar.setExtraMessage((outcome.status() == RunStatus.DONE ? "done " : "FAILED ") + outcome.runId());
            }
        } else {
            err.println(String.format(Locale.ROOT, "[worker %d] %s %s (%.1f s)%s  [%d/%d]%s", worker,
                    outcome.status() == RunStatus.DONE ? "done" : "FAILED", outcome.runId(), outcome.wallSeconds(), error,
                    finished, toRun, finished < toRun ? ", time left " + eta.remaining(now()).inWords() : ""));
        }
        for (String warning : warnings(outcome)) { // as train prints them with the run's summary
            message("[worker " + worker + "] warning: " + outcome.runId() + ": " + warning);
        }
        if (overall != null) {
            overall.step();
        }
        showEta();
        if (finished >= toRun) {
            // the bars' last state before what follows the runs (the aggregates' lines), not after it
            closeBars();
        }
    }

    /** The finished run's summary.json's warnings ({@link SummaryFields#WARNINGS}). */
    private static List<String> warnings(RunOutcome outcome) {
        if (outcome.status() != RunStatus.DONE || outcome.runDir() == null) {
            return List.of();
        }
        try {
            List<String> out = new ArrayList<>();
            Mappers.JSON.readTree(outcome.runDir().resolve(RunDirectory.SUMMARY).toFile())
                    .path(SummaryFields.WARNINGS).forEach(w -> out.add(w.asText()));
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of(); // the aggregation reads every summary and names one it cannot
        }
    }

    /** Seconds since the sweep started: the clock of the runs' start times in {@link #eta}. */
    private double now() {
        return (System.nanoTime() - started) / 1e9;
    }

    /** At each redraw: the bar's "left" where the time left is one figure, else none, and the bar's message says it. */
    private Optional<Duration> etaForBar() {
        SweepEta.Remaining left = eta.remaining(now());
        showEta(left);
        return left.exact();
    }

    private void showEta() {
        showEta(eta.remaining(now()));
    }

    /** The bar's message on a terminal (in a log, {@link #withMessage} writes it after the bar). */
    private void showEta(SweepEta.Remaining left) {
        ProgressBar bar = overall;
        if (bar != null && interactive) {
            bar.setExtraMessage(message(left, bar.getCurrent()));
        }
    }

    /** The failures, and the time left in words where it is not one figure (pending, a range); "" for neither. */
    private String message(SweepEta.Remaining left, long runsFinished) {
        String message = left.exact().isPresent() || runsFinished >= toRun ? "" : "time left " + left.inWords();
        int f = failed;
        if (f > 0) {
            message = f + " failed" + (message.isEmpty() ? "" : "; " + message);
        }
        return message;
    }

    /** A log's bar line (drawn without a message) with the message after it, whole, however long. */
    private String withMessage(String line) {
        ProgressBar bar = overall; // null while the bar is being built (its first line)
        String message = message(eta.remaining(now()), bar == null ? 0 : bar.getCurrent());
        return message.isEmpty() ? line : line.stripTrailing() + " " + message;
    }

    private ProgressBar bar(int worker) {
        return worker >= 1 && worker <= workerBars.length ? workerBars[worker - 1] : null;
    }

    /**
     * Closes the bars, in their last state, once the last run finished or the sweep stopped: on a terminal they stay
     * where they are, and what is said after them goes below; in a log, a line says the runs' own time (the sweep's
     * summary on stdout counts planning and aggregation too).
     */
    private void closeBars() {
        for (ProgressBar b : workerBars) {
            b.close();
        }
        workerBars = new ProgressBar[0];
        if (overall != null) {
            overall.close();
            overall = null;
            if (!interactive) {
                err.println(String.format(Locale.ROOT, "sweep: %d of %d runs finished, %d failed; running them took "
                        + "%.1f s", finished, toRun, failed, (System.nanoTime() - started) / 1e9));
            }
        }
        terminal = null;
        if (logs != null) { // java.util.logging's lines go on below the bars
            logs.close();
            logs = null;
        }
    }

    /** Closes the bars where the last run did not (on a terminal they stay, in their last state, below messages). */
    @Override
    public synchronized void close() {
        closeBars();
        err.flush();
    }
}
