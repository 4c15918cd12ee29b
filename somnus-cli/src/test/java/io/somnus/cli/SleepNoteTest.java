package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.Configs;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What train says before a run that asks for sleep and cannot reach its first episode. */
class SleepNoteTest {
    @Test
    void aPaperRunTooShortToSleepIsToldSoBeforeItRuns() {
        // 300 images × 100 steps = 30 000 wake steps, short of the paper's episode every 35 000 (a run of it: summary.json
        // sleep_episodes 0, wake_steps 30 000)
        String note = SleepNote.of(Configs.resolveTree(Map.of("preset", "paper", "train.images", 300))).orElseThrow();
        assertTrue(note.startsWith("sleep fraction 0.2 asks for an episode after every 35000 wake steps "
                + "(sleep.wake_steps), but this run trains at most 30000 (300 images × 100 steps): it will not sleep"), note);
        assertTrue(note.contains("--train-images") && note.contains("--set sleep.wake_steps=N below 30000"), note);
        // two epochs of 200: 40 000 steps at most, which passes 35 000
        assertEquals(Optional.empty(), SleepNote.of(Configs.resolveTree(Map.of("preset", "paper", "train.images", 200,
                "train.epochs", 2))));
        assertTrue(SleepNote.of(Configs.resolveTree(Map.of("preset", "paper", "train.images", 170,
                "train.epochs", 2))).isPresent());
    }

    @Test
    void aRunThatMaySleepOrDoesNotAskIsToldNothing() {
        assertEquals(Optional.empty(), SleepNote.of(Configs.resolveTree(Map.of("preset", "paper"))));
        // 350 images reach 35 000 steps: an episode may come
        assertEquals(Optional.empty(), SleepNote.of(Configs.resolveTree(Map.of("preset", "paper", "train.images", 350))));
        assertEquals(Optional.empty(), SleepNote.of(Configs.resolveTree(Map.of("preset", "paper", "train.images", 300,
                "sleep.fraction", 0.0))));
        assertEquals(Optional.empty(), SleepNote.of(Configs.resolveTree(Map.of("preset", "paper", "train.images", 300,
                "train.plasticity", false))));
        assertEquals(Optional.empty(), SleepNote.of(Configs.resolveTree(Map.of("preset", "paper-sg", "train.images", 300))));
        // an episode after 300 wake steps: reached
        assertEquals(Optional.empty(), SleepNote.of(Configs.resolveTree(Map.of("preset", "paper", "train.images", 300,
                "sleep.wake_steps", 300))));
    }

    /** Diehl & Cook's re-presentations count at their most: the note speaks only of a run that cannot sleep. */
    @Test
    void rePresentationsCountAtTheirMost() {
        // 4 images × 700 steps × 10 presentations = 28 000 at most: short of 30 000, said; of 20 000, not
        String note = SleepNote.of(Configs.resolveTree(Map.of("preset", "diehl-cook", "train.images", 4,
                "sleep.fraction", 0.2, "sleep.wake_steps", 30_000))).orElseThrow();
        assertTrue(note.contains("at most 28000 (4 images × 700 steps × 10 presentations)"), note);
        assertEquals(Optional.empty(), SleepNote.of(Configs.resolveTree(Map.of("preset", "diehl-cook", "train.images", 4,
                "sleep.fraction", 0.2, "sleep.wake_steps", 20_000))));
    }
}
