package io.somnus.experiment.model;

/** Progress of one run, for progress bars. */
public interface RunProgress {
    /** @param phase short label, e.g. "train", "sleep", "eval"; @param done units done; @param total units in all */
    void update(String phase, long done, long total);

    /** Progress that goes nowhere (no progress bar). */
    RunProgress NONE = (phase, done, total) -> { };
}
