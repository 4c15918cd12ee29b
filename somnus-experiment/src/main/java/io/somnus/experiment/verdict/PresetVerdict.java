package io.somnus.experiment.verdict;

import java.util.List;

/**
 * A claim for one preset, over every dataset × grid variant of the study.
 *
 * @param preset     preset name
 * @param outcome    the conjunction over the conditions ({@link Outcome#NOT_RUN} when the study has no runs of it)
 * @param reason     one line: each criterion's outcome over the conditions, or why nothing was decided
 * @param conditions per dataset × variant; none when the study has no runs of the preset
 */
public record PresetVerdict(String preset, Outcome outcome, String reason, List<ConditionVerdict> conditions) {
    /** Keeps unmodifiable copies of the lists and maps it is given. */
    public PresetVerdict {
        conditions = List.copyOf(conditions);
    }

    /** Whether the study has runs of this preset: each run falls in a condition, so a preset without one has none. */
    public boolean ran() {
        return !conditions.isEmpty();
    }
}
