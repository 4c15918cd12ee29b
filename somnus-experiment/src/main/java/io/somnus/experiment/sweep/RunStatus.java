package io.somnus.experiment.sweep;

import java.util.Locale;

/** State of a run in the sweep ledger. {@code DONE} implies that {@code runs/<id>/} is complete. */
public enum RunStatus {
    /** Planned and not yet started; a resumed sweep sets every run that is not done back to pending. */
    PENDING,
    /** Started and not yet finished (a process that ended mid-run leaves it so; resuming runs it again). */
    RUNNING,
    /** Finished, its directory complete; a resumed sweep skips it. */
    DONE,
    /** Ended with an error (its message is in the ledger); a resumed sweep runs it again. */
    FAILED;

    /** The ledger's spelling: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status a ledger spells {@code label} ({@link #label()}), in any case.
     *
     * @throws IllegalArgumentException if {@code label} names no status
     */
    public static RunStatus ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
