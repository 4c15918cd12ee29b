package io.somnus.experiment.model;

import java.util.Map;

/** Receives what a run measures while it runs; the executor turns it into the run directory's files. */
public interface RunRecorder {
    /** One row of metrics.csv (column → value; NaN or absent = not applicable). */
    void checkpoint(Map<String, Double> row);

    /** One row of sleep_traces.csv. */
    void trace(long step, String phase, int episode, String projection, double totalAbs, double mean);

    /** One histogram of weight_histograms.csv: {@code when} is {@code before} or {@code after}. */
    void histogram(int episode, String when, String projection, double[] edges, long[] counts);

    /** A progress report for bars. */
    void progress(String phase, long done, long total);

    /** What {@code phase} spends its time on until its next progress report ({@link RunProgress#note}). */
    default void note(String phase, String note) {
    }
}
