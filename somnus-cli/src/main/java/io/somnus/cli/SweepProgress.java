package io.somnus.cli;

import io.somnus.experiment.sweep.RunOutcome;
import io.somnus.experiment.sweep.SweepPlan;
import io.somnus.experiment.sweep.SweepListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** An overall bar for the sweep, with each worker's current run and phase in its message. */
final class SweepProgress implements SweepListener, AutoCloseable {
    private ProgressBar bar;
    private final Map<Integer, String> current = new ConcurrentHashMap<>();

    @Override
    public synchronized void started(SweepPlan plan, int toRun, int alreadyDone) {
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(Math.max(1, toRun))
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(System.console() == null ? 10000 : 500)
                .setMaxRenderedLength(160);
        if (System.console() == null) {
            b.setConsumer(new DelegatingProgressBarConsumer(System.err::println, 160));
        }
        bar = b.build();
        if (alreadyDone > 0) {
            System.err.println("resuming: " + alreadyDone + " finished runs are kept, " + toRun + " to run");
        }
    }

    @Override
    public void message(String line) {
        System.err.println(line);
    }

    @Override
    public void runProgress(int worker, String runId, String phase, long done, long total) {
        current.put(worker, runId + " " + phase + " " + done + "/" + total);
        refresh();
    }

    @Override
    public synchronized void runFinished(int worker, RunOutcome outcome) {
        current.remove(worker);
        if (bar != null) {
            bar.step();
        }
        if (outcome.error() != null && !outcome.error().isEmpty()) {
            System.err.println("run " + outcome.runId() + " failed: " + outcome.error());
        }
        refresh();
    }

    private synchronized void refresh() {
        if (bar != null) {
            StringBuilder sb = new StringBuilder();
            current.forEach((w, s) -> sb.append(sb.length() == 0 ? "" : " | ").append('w').append(w).append(' ').append(s));
            bar.setExtraMessage(sb.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
