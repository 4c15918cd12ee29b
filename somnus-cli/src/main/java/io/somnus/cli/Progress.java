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
        if (!newPhase.equals(phase)) {
            bar.setExtraMessage(newPhase);
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

    @Override
    public void close() {
        bar.close();
    }
}
