package io.somnus.experiment.verdict;

import java.util.List;

/** The verdict of a study: each claim, per preset (docs/verdict.md). */
public record StudyVerdict(List<ClaimVerdict> claims) {
    public StudyVerdict {
        claims = List.copyOf(claims);
    }
}
