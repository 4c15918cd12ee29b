package io.somnus.experiment.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run's changes from its preset, as {@code --set} would name them. */
class ConfigDifferencesTest {
    @Test
    void aPresetAgainstItselfHasNoDifference() {
        for (String preset : Configs.PRESETS) {
            assertEquals(List.of(), ConfigDifferences.of(Configs.loadPreset(preset), Configs.loadPreset(preset)), preset);
        }
    }

    @Test
    void overridesComeBackByTheirDottedNamesListItemsByName() {
        ObjectNode preset = Configs.loadPreset("paper");
        ObjectNode run = Configs.resolveTree(Map.of("preset", "paper", "seed", 3, "sleep.fraction", 0.1,
                "projections.e_e.weight", 0.5));
        assertEquals(List.of("seed: 1 → 3", "projections.e_e.weight: 0.3 → 0.5", "sleep.fraction: 0.2 → 0.1"),
                ConfigDifferences.of(preset, run));
        ObjectNode sg = Configs.loadPreset("paper-sg-code");
        ObjectNode withEpochs = sg.deepCopy();
        ((ObjectNode) withEpochs.get("sg")).put("epochs", 6);
        assertEquals(List.of("sg.epochs: (absent) → 6"), ConfigDifferences.of(sg, withEpochs));
    }
}
