package io.somnus.cli;

import io.somnus.experiment.model.RunProgress;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr: redrawn in place on a terminal, one line every few seconds otherwise
 * (so CI logs stay readable). Each phase (data, train, evaluate) restarts its clock.
 */
final class Progress implements RunProgress, AutoCloseable {
    private final ProgressBar bar;
    private String phase = "";
    /** Whether the bar shows a note beside the phase's name, which the phase's next update takes away. */
    private boolean noted;

    Progress(String task, long total) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, total))
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(System.console() == null ? 5000 : 250);
        if (System.console() == null) {
            b.setConsumer(new DelegatingProgressBarConsumer(System.err::println, 100));
        }
        this.bar = b.build();
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
            bar.setExtraMessage(phase); // the count moves again: the note is over
            noted = false;
        }
        if (!newPhase.equals(phase)) {
            bar.setExtraMessage(newPhase);
            noted = false;
            if (!phase.isEmpty()) {
                // each phase's own elapsed time and estimate (the readouts' pace is not training's); the reset draws
                // the bar at once, so the new phase's name and total come first
                bar.reset();
            }
            phase = newPhase;
        }
        if (total > 0) {
            bar.stepTo(done);
        }
    }

    /**
     * Shown beside the phase's name, the bar drawn at once: a training's count stands still through a checkpoint's
     * evaluation (minutes at N_e = 1 600), which the bar's running clock alone did not explain.
     */
    @Override
    public synchronized void note(String notePhase, String note) {
        if (notePhase.equals(phase)) {
            bar.setExtraMessage(phase + " · " + note);
            noted = true;
            bar.refresh();
        }
    }

    @Override
    public void close() {
        bar.close();
    }
}
