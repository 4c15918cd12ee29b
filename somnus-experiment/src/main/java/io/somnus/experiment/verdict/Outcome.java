package io.somnus.experiment.verdict;

import java.util.Collection;

/** The answer the rule of docs/verdict.md gives to a criterion, a claim on one dataset, or a claim for a preset. */
public enum Outcome {
    /** The criterion's test ({@link EffectTest}) finds the claim supported by the estimate and its interval. */
    HOLDS("holds"),
    /** The test finds the claim contradicted. */
    DOES_NOT_HOLD("does not hold"),
    /** Neither: the interval allows both answers, or there is no interval (too few runs). */
    INCONCLUSIVE("inconclusive"),
    /** Nothing to decide on: no estimate, as the study has none of the runs it needs. */
    NOT_RUN("not run");

    private final String words;

    Outcome(String words) {
        this.words = words;
    }

    /** As the report and the files write it. */
    public String words() {
        return words;
    }

    /**
     * The conjunction of docs/verdict.md, with "not run" left out: holds when all hold, does not hold when any does
     * not, inconclusive otherwise; not run when nothing is left.
     */
    public static Outcome all(Collection<Outcome> outcomes) {
        boolean any = false;
        boolean allHold = true;
        for (Outcome o : outcomes) {
            if (o == NOT_RUN) {
                continue;
            }
            if (o == DOES_NOT_HOLD) {
                return DOES_NOT_HOLD;
            }
            any = true;
            allHold &= o == HOLDS;
        }
        return !any ? NOT_RUN : allHold ? HOLDS : INCONCLUSIVE;
    }

    /** The opposite answer: holds ↔ does not hold; inconclusive and not run stay. */
    Outcome negated() {
        return switch (this) {
            case HOLDS -> DOES_NOT_HOLD;
            case DOES_NOT_HOLD -> HOLDS;
            default -> this;
        };
    }
}
