package io.somnus.experiment.stats;

/**
 * What became of the beta GLMM.
 *
 * @param status  {@code done}, {@code skipped: <reason>} or {@code failed: <reason>}
 * @param formula the model formula fitted (empty when not fitted)
 */
public record GlmmOutcome(String status, String formula) {
    public static GlmmOutcome skipped(String reason) {
        return new GlmmOutcome("skipped: " + reason, "");
    }

    public static GlmmOutcome failed(String reason) {
        return new GlmmOutcome("failed: " + reason, "");
    }

    public boolean done() {
        return status.equals("done");
    }
}
