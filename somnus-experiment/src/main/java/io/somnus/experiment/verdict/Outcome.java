package io.somnus.experiment.verdict;

import java.util.Collection;

/** The answer the rule of docs/verdict.md gives to a criterion, a claim on one dataset, or a claim for a preset. */
public enum Outcome {
    /** The evidence supports it: the interval lies on the claim's side of the margin. */
    HOLDS("holds"),
    /** The evidence contradicts it: the interval lies on the other side. */
    DOES_NOT_HOLD("does not hold"),
    /** The interval straddles the margin, or there is no interval (too few runs). */
    INCONCLUSIVE("inconclusive"),
    /** Nothing to decide on: the study ran none of the runs it needs. */
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
