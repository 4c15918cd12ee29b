package io.somnus.experiment.verdict;

/** The quantities the rule of docs/verdict.md decides on, each with the summary field or file it comes from. */
public enum Quantity {
    /** Final test accuracy of the main readout ({@code test_accuracy}). */
    TEST_ACCURACY("test accuracy", "test_accuracy"),
    /** Largest fall of the validation accuracy below its running peak over the checkpoints. */
    DRAWDOWN("drawdown of validation accuracy", "stability.max_drawdown"),
    /** Standard deviation of the validation accuracy over the last quarter of the checkpoints. */
    LAST_QUARTER_STD("std of the last quarter", "stability.last_quarter_std"),
    /** Mean over projections of the fraction of weights at 95 % of the bound (or running maximum) or more. */
    SATURATED_FRACTION("saturated fraction", "weights.*.frac_saturated"),
    /** ln(Σ|w| at the last checkpoint / Σ|w| at the first), Σ over projections. */
    WEIGHT_GROWTH("weight growth ln(W_last/W_first)", "metrics.csv w_*_total_abs"),
    /** Average forgetting in the continual protocol. */
    AVERAGE_FORGETTING("average forgetting", "continual.average_forgetting"),
    /** Sleep episodes the run had: where no run at f* had one, its comparisons are not run. */
    SLEEP_EPISODES("sleep episodes", "sleep_episodes");

    private final String words;
    private final String source;

    Quantity(String words, String source) {
        this.words = words;
        this.source = source;
    }

    /** As the report and the files write it (e.g. {@code average forgetting}). */
    public String words() {
        return words;
    }

    /** Where it is read from. */
    public String source() {
        return source;
    }
}
