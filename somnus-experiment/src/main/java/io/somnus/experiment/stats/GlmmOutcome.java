package io.somnus.experiment.stats;

/**
 * What became of the beta GLMM.
 *
 * @param status  {@code done}, {@code skipped: <reason>} or {@code failed: <reason>}
 * @param formula the model formula fitted (empty when not fitted)
 */
public record GlmmOutcome(String status, String formula) {
    /**
     * The fit was not attempted (no Rscript, no glmmTMB, one sleep fraction, too few runs); {@code reason} says which.
     */
    public static GlmmOutcome skipped(String reason) {
        return new GlmmOutcome("skipped: " + reason, "");
    }

    /** R ran and the fit failed; {@code reason} says why. */
    public static GlmmOutcome failed(String reason) {
        return new GlmmOutcome("failed: " + reason, "");
    }

    /** Whether the model was fitted (its table and summary written); false when skipped or failed. */
    public boolean done() {
        return status.equals("done");
    }
}
