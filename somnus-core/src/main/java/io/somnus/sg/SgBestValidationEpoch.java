package io.somnus.sg;

/**
 * The epoch whose validation accuracy (after its sleep, if it slept) is the highest, the first of equals, and the
 * parameters after it: the only "best epoch" Somnus selects. Never chosen on test data (docs/sg.md, "Reported
 * accuracy").
 */
final class SgBestValidationEpoch {
    /** The best epoch so far; 0 before any. */
    int epoch;
    double accuracy = Double.NaN;
    /** The parameters after {@link #epoch} (aligned with {@link SgNetwork#parameters()}); null before any. */
    float[][] parameters;

    /** Keeps {@code epoch} and a copy of {@code current} when {@code acc} after it beats every earlier epoch. */
    void offer(int e, double acc, float[][] current) {
        if (epoch == 0 || acc > accuracy) {
            epoch = e;
            accuracy = acc;
            parameters = SgCheckpoint.copy(current);
        }
    }
}
