package io.somnus.experiment.sweep;

import java.util.Locale;

/** State of a run in the sweep ledger. {@code DONE} implies that {@code runs/<id>/} is complete. */
public enum RunStatus {
    PENDING, RUNNING, DONE, FAILED;

    /** The ledger's spelling: lower case. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
