package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep's time left, worked by hand: two presets whose runs differ tenfold in work. */
class SweepEtaTest {
    @Test
    void runsToGoCostTheirWorkAtTheirPresetsRate() {
        // a1, a2: preset a, 100 and 200 units; b1, b2: preset b, 1 000 units each; two workers
        SweepEta eta = new SweepEta(Map.of("a1", "a", "a2", "a", "b1", "b", "b2", "b"),
                Map.of("a1", 100.0, "a2", 200.0, "b1", 1000.0, "b2", 1000.0), 2);
        assertTrue(eta.remaining().isEmpty(), "nothing to learn from yet");
        // a1 took 10 s: a costs 0.1 s per unit, so a2 20 s; b has no finished run: the mean run, 10 s each
        eta.finished("a1", 10);
        assertEquals(Duration.ofSeconds(20), eta.remaining().orElseThrow(), "(20 + 10 + 10) / 2");
        // b1 took 500 s: b costs 0.5 s per unit, b2 500 s; the mean no longer matters
        eta.finished("b1", 500);
        assertEquals(Duration.ofSeconds(260), eta.remaining().orElseThrow(), "(20 + 500) / 2");
        eta.finished("b1", 1); // a run reported twice counts once
        assertEquals(Duration.ofSeconds(260), eta.remaining().orElseThrow());
        eta.finished("a2", 30);
        eta.finished("b2", 400);
        assertEquals(Duration.ZERO, eta.remaining().orElseThrow());
    }

    @Test
    void aRunOfUnknownWorkCostsTheMeanRun() {
        SweepEta eta = new SweepEta(Map.of("x", "p", "y", "p", "z", "q"), Map.of("x", 0.0, "y", 50.0, "z", 10.0), 1);
        eta.finished("x", 30); // its units unknown: it teaches the mean, not p's rate
        assertEquals(Duration.ofSeconds(60), eta.remaining().orElseThrow(), "y and z at the mean, 30 s each");
    }
}
