package io.somnus.experiment.verdict;

import java.util.List;

/**
 * One of the paper's claims, per preset.
 *
 * @param number    1, 2 or 3
 * @param statement the claim in a line
 * @param model     the model it is about ({@code stdp} or {@code sg})
 * @param presets   the presets decided
 */
public record ClaimVerdict(int number, String statement, String model, List<PresetVerdict> presets) {
    /** Keeps unmodifiable copies of the lists and maps it is given. */
    public ClaimVerdict {
        presets = List.copyOf(presets);
    }
}
