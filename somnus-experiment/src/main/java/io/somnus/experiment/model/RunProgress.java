package io.somnus.experiment.model;

/** Progress of one run, for progress bars. */
public interface RunProgress {
    /** @param phase short label, e.g. "train", "sleep", "eval"; @param done units done; @param total units in all */
    void update(String phase, long done, long total);

    /**
     * What {@code phase} spends its time on while its count waits (a training's checkpoint, which evaluates the
     * network on thousands of images at large sizes); the phase's next update ends it. None by default.
     */
    default void note(String phase, String note) {
    }

    /** Progress that goes nowhere (no progress bar). */
    RunProgress NONE = (phase, done, total) -> { };
}
