package io.somnus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.somnus.experiment.config.Configs;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What train says before a run whose evaluation outweighs its training. */
class EvaluationNoteTest {
    @Test
    void aShortDiehlCookRunIsToldHowMuchItEvaluatesAndHowToEvaluateLess() {
        // 5 checkpoints × (300 readout + 100 validation) + 300 readout + 100 test = 2 400 images (the N_e = 1 600
        // run of 300 images: timing.json's evaluation_images 2 400), 8× the 300 trained
        Optional<String> note = EvaluationNote.of(Configs.resolveTree(Map.of("preset", "diehl-cook", "train.images", 300,
                "train.validation_images", 100, "train.test_images", 100)));
        assertTrue(note.isPresent());
        assertTrue(note.get().startsWith("the frozen network will see 2400 images (5 checkpoints, each a readout fit and "
                + "100 validation images, then a fit and 100 test images), 8.0× the 300 it trains on"), note.get());
        assertTrue(note.get().contains("--set train.checkpoints=1") && note.get().contains("--validation-images")
                && note.get().contains("train.readout_images"), note.get());
        // one checkpoint: 1 × (60 + 20) + 60 + 20 = 160, 2.7× 60; no advice to set what is set
        String one = EvaluationNote.of(Configs.resolveTree(Map.of("preset", "diehl-cook", "train.images", 60,
                "train.validation_images", 20, "train.test_images", 20, "train.checkpoints", 1))).orElseThrow();
        assertTrue(one.startsWith("the frozen network will see 160 images (1 checkpoint, each"), one);
        assertTrue(one.contains("2.7× the 60") && !one.contains("train.checkpoints=1"), one);
    }

    @Test
    void aRunThatMostlyTrainsIsToldNothing() {
        // diehl-cook as published: 5 × (1 000 + 500) + 20 000 + 10 000 = 37 500 images, 1.9× its 20 000
        assertEquals(Optional.empty(), EvaluationNote.of(Configs.resolveTree(Map.of("preset", "diehl-cook"))));
        // the same run with 4 × the validation images passes the line: 5 × (1 000 + 2 000) + 30 000 = 45 000 > 40 000
        assertTrue(EvaluationNote.of(Configs.resolveTree(Map.of("preset", "diehl-cook",
                "train.validation_images", 2000))).isPresent());
        assertEquals(Optional.empty(), EvaluationNote.of(Configs.resolveTree(Map.of("preset", "paper-sg"))));
    }
}
