package io.somnus.experiment.verdict;

/**
 * The three tests of docs/verdict.md on an estimate Δ with interval [L, U] and margin δ. With Δ', L', U' the
 * estimate and interval turned so that "better" is positive:
 * <ul>
 *   <li>{@link #BETTER}: holds when L' &gt; 0 and Δ' ≥ δ; does not hold when U' &lt; δ;</li>
 *   <li>{@link #NOT_BETTER}: the same with the two answers swapped;</li>
 *   <li>{@link #NOT_WORSE}: {@code NOT_BETTER} in the opposite direction (holds when L' &gt; −δ; does not hold when
 *       U' &lt; 0 and Δ' ≤ −δ);</li>
 * </ul>
 * inconclusive otherwise, and whenever there is no interval; not run when there is no estimate.
 */
public enum EffectTest {
    /** The claim that the estimate is better than 0 by at least the margin δ. */
    BETTER("better"),
    /** The claim that it is not better by the margin δ. */
    NOT_BETTER("not better"),
    /** The claim that it is not worse by the margin δ or more. */
    NOT_WORSE("not worse");

    private final String words;

    EffectTest(String words) {
        this.words = words;
    }

    /** As the report and the files write it ({@code better}, {@code not better}, {@code not worse}). */
    public String words() {
        return words;
    }

    /**
     * @param higherIsBetter whether a larger value of the quantity is what the claim calls better
     * @param margin         δ &gt; 0
     */
    public Outcome decide(Estimate e, boolean higherIsBetter, double margin) {
        if (!e.present()) {
            return Outcome.NOT_RUN;
        }
        if (!e.hasInterval()) {
            return Outcome.INCONCLUSIVE;
        }
        return switch (this) {
            case BETTER -> better(e, higherIsBetter, margin);
            case NOT_BETTER -> better(e, higherIsBetter, margin).negated();
            case NOT_WORSE -> better(e, !higherIsBetter, margin).negated();
        };
    }

    private static Outcome better(Estimate e, boolean higherIsBetter, double margin) {
        double d = higherIsBetter ? e.value() : -e.value();
        double lo = higherIsBetter ? e.low() : -e.high();
        double hi = higherIsBetter ? e.high() : -e.low();
        if (lo > 0 && d >= margin) {
            return Outcome.HOLDS;
        }
        if (hi < margin) {
            return Outcome.DOES_NOT_HOLD;
        }
        return Outcome.INCONCLUSIVE;
    }
}
