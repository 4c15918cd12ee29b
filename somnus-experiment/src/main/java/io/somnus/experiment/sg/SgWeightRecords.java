package io.somnus.experiment.sg;

import io.somnus.experiment.model.RunRecorder;
import io.somnus.experiment.model.WeightHistogram;
import io.somnus.sg.SgSleepEpisode;
import java.util.Map;

/**
 * What an SG-SNN run records of its weight matrices, as an STDP run does of its projections (sleep_traces.csv,
 * weight_histograms.csv): Σ|w| and the mean of every matrix before training and at the end of each epoch (phase
 * wake) and through each sleep episode (phase sleep, the episode's own samples), and each matrix's histogram before
 * and after the last episode of each epoch (every episode where the SG-SNN sleeps after an epoch; one of the ~100 an
 * epoch of {@code every_minibatches} sleeps, which would write megabytes of bins). Matrices are named as in
 * weights.npz ({@code in_h}, {@code h_out}, …); biases are left out. Steps are simulation steps, wake and sleep
 * counted together.
 */
final class SgWeightRecords {
    private final RunRecorder recorder;
    private int episodes;
    /** The epoch's last episode so far, whose histograms the epoch's end records. */
    private SgSleepEpisode last;

    SgWeightRecords(RunRecorder recorder) {
        this.recorder = recorder;
    }

    /** The number of the last episode recorded (0 before any): a resume snapshot keeps it. */
    int episodes() {
        return episodes;
    }

    /** Goes on from a resume snapshot, where an epoch had ended (no episode's histograms pending). */
    void resumeAfter(int episodes) {
        this.episodes = episodes;
        this.last = null;
    }

    /**
     * After a sleep episode: the weights at its start as wake traces (where training left them, as an STDP run records
     * them before an episode), its samples as sleep traces; it is the epoch's last so far.
     */
    void sleepEpisode(SgSleepEpisode e) {
        episodes = e.episode();
        for (SgSleepEpisode.Sample s : e.samples()) {
            if (s.step() == 0) {
                recorder.trace(e.startStep(), "wake", episodes, name(s.projection()), s.totalAbs(), s.mean());
            }
        }
        for (SgSleepEpisode.Sample s : e.samples()) {
            recorder.trace(e.startStep() + s.step(), "sleep", e.episode(), name(s.projection()), s.totalAbs(), s.mean());
        }
        last = e;
    }

    /**
     * At the end of an epoch (or before training, step 0), at simulation step {@code step}: the histograms before and after
     * its last episode, and the weights' totals as wake traces.
     */
    void epochEnd(long step, Map<String, float[]> weights) {
        if (last != null) {
            histograms(last.weightsBefore(), last.episode(), "before");
            histograms(last.weightsAfter(), last.episode(), "after");
            last = null;
        }
        weights.forEach((key, w) -> {
            if (key.startsWith("w_")) {
                double total = 0;
                double sum = 0;
                for (float x : w) {
                    total += Math.abs(x);
                    sum += x;
                }
                recorder.trace(step, "wake", episodes, name(key), total, sum / w.length);
            }
        });
    }

    private void histograms(Map<String, float[]> weights, int episode, String when) {
        weights.forEach((key, w) -> {
            if (key.startsWith("w_")) {
                WeightHistogram.of(w).record(recorder, episode, when, name(key));
            }
        });
    }

    /** {@code w_in_h} → {@code in_h}, as weights.npz names it. */
    private static String name(String key) {
        return key.startsWith("w_") ? key.substring(2) : key;
    }
}
