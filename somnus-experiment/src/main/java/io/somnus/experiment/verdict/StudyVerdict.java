package io.somnus.experiment.verdict;

import java.util.List;

/**
 * The verdict of a study: each claim, per preset (docs/verdict.md).
 *
 * @param claims each claim's verdict, in the page's order (claims 1, 2, 3)
 */
public record StudyVerdict(List<ClaimVerdict> claims) {
    /** Keeps an unmodifiable copy of {@code claims}. */
    public StudyVerdict {
        claims = List.copyOf(claims);
    }
}
