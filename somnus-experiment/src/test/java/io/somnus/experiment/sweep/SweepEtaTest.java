package io.somnus.experiment.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.Mappers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sweep's time left, worked by hand: runs of known units and finishing times, on one or two workers. */
class SweepEtaTest {
    private static SweepEta.Run run(String id, String key, double units) {
        return new SweepEta.Run(id, key, key.split(" ")[0], units);
    }

    @Test
    void runsToGoCostTheirUnitsAtTheirKeysRateOnTheFirstFreeWorker() {
        // two workers; a: 100 and 200 units, b: 1 000, s (SG-SNN): 5 000 each, in this order
        SweepEta eta = new SweepEta(List.of(run("a1", "a", 100), run("b1", "b", 1000),
                run("a2", "a", 200), run("s1", "s", 5000), run("s2", "s", 5000)), 2);
        SweepEta.Remaining r = eta.remaining(0);
        assertEquals(List.of("a", "b", "s"), r.pending(), "nothing finished: nothing to learn from");
        assertEquals(Optional.empty(), r.exact());
        assertEquals("unknown: no a or b or s run finished yet", r.inWords());

        eta.started("a1", 0);
        eta.started("b1", 0);
        eta.finished("a1", 10, true); // a: 10 s / 100 units = 0.1 s per unit
        eta.started("a2", 10);
        r = eta.remaining(10);
        // a2: 0.1 × 200 = 20 s on worker 2; b1 unknown (no b run done: a's rate says nothing of b's), counted 0 on
        // worker 1; s1, s2 unknown (no SG run done), counted 0: 20 s + the unknown
        assertEquals(Duration.ofSeconds(20), r.low());
        assertEquals(Duration.ofSeconds(20), r.high());
        assertEquals(List.of("b", "s"), r.pending());
        assertEquals("0:00:20 + unknown (no b or s run finished yet)", r.inWords());

        eta.finished("a2", 30, true); // a: (10 + 30) s / 300 units
        eta.started("s1", 40);
        eta.finished("b1", 150, true); // b: 0.15 s per unit
        eta.started("s2", 150);
        assertEquals("unknown: no s run finished yet", eta.remaining(150).inWords(), "only SG runs left");

        eta.finished("s1", 1000, true); // s: 0.2 s per unit, so s2 costs 1 000 s, 890 of which it has run at 1 040 s
        assertEquals(Optional.of(Duration.ofSeconds(110)), eta.remaining(1040).exact());
        assertEquals(Optional.of(Duration.ZERO), eta.remaining(2000).exact(), "overrunning: 0, not negative");
        eta.finished("s1", 1, true); // a run reported twice counts once
        eta.finished("s2", 1100, true);
        assertEquals(Optional.of(Duration.ZERO), eta.remaining(2000).exact());
    }

    @Test
    void aKeyWithNoFinishedRunGetsARangeFromItsPresetsOtherKeysElseIsPending() {
        SweepEta eta = new SweepEta(List.of(run("a", "p (x=1)", 100), run("b", "q", 100),
                run("c", "p (x=2)", 400), run("d", "r", 400), run("f", "q", 100),
                run("g", "p (x=3)", 100)), 1);
        eta.finished("a", 10, true); // p (x=1): 0.1 s per unit
        eta.finished("b", 30, true); // q: 0.3 s per unit
        eta.finished("f", 1, false); // failed: teaches nothing
        eta.finished("g", 20, true); // p (x=3): 0.2 s per unit
        SweepEta.Remaining r = eta.remaining(0);
        // c: its preset p's rates, 0.1 to 0.2 s per unit: 40 to 80 s; d: no run of preset r, pending (not q's rate)
        assertEquals(Duration.ofSeconds(40), r.low());
        assertEquals(Duration.ofSeconds(80), r.high());
        assertEquals(List.of("r"), r.pending());
        assertEquals("0:00:40 to 0:01:20 + unknown (no r run finished yet)", r.inWords());
        assertEquals(Optional.empty(), r.exact());
    }

    /**
     * The three-preset sweep that misled (paper, paper-code and diehl-cook on geomfig, one worker): after the first
     * paper run, paper's rate priced paper-code's runs, whose runaway activity at 1 000 steps per image makes a unit cost
     * what a paper unit does not. Here: paper 1e5 units at 10 µs (1 s a run), paper-code 1e6 units at 1 µs (1 s a run),
     * diehl-cook 4e5 units at 5 µs (2 s a run); at paper's rate paper-code would be 10 s, five times over. The other
     * presets are pending until a run of theirs finishes, then their own rate.
     */
    @Test
    void anotherPresetOfTheSameModelIsPendingNotPricedAtThisOnesRate() {
        SweepEta eta = new SweepEta(List.of(run("paper-1", "paper", 1e5),
                run("paper-code-1", "paper-code", 1e6), run("diehl-cook-1", "diehl-cook", 4e5),
                run("paper-2", "paper", 1e5), run("paper-code-2", "paper-code", 1e6),
                run("diehl-cook-2", "diehl-cook", 4e5)), 1);
        eta.finished("paper-1", 1, true);
        SweepEta.Remaining r = eta.remaining(1);
        assertEquals(Duration.ofSeconds(1), r.low(), "paper-2 at paper's 10 µs per unit");
        assertEquals(Duration.ofSeconds(1), r.high());
        assertEquals(List.of("paper-code", "diehl-cook"), r.pending());
        assertEquals("0:00:01 + unknown (no paper-code or diehl-cook run finished yet)", r.inWords());

        eta.finished("paper-code-1", 1, true);
        assertEquals("0:00:02 + unknown (no diehl-cook run finished yet)", eta.remaining(2).inWords(),
                "paper-2 1 s + paper-code-2 at its own 1 µs per unit, 1 s");
        eta.finished("diehl-cook-1", 2, true);
        assertEquals(Optional.of(Duration.ofSeconds(4)), eta.remaining(4).exact(), "1 + 1 + 2 s");
    }

    @Test
    void aRunOfUnknownWorkCostsItsKeysMeanRun() {
        SweepEta eta = new SweepEta(List.of(run("x", "p", 0), run("y", "p", 0),
                run("z", "q", 0)), 1);
        eta.finished("x", 30, true);
        SweepEta.Remaining r = eta.remaining(0);
        assertEquals(Duration.ofSeconds(30), r.low(), "y at p's mean run; z unknown");
        assertEquals(List.of("q"), r.pending());
    }

    @Test
    void aKeysRateIsTheMedianOfItsRunsSoAWarmUpRunStopsCounting() {
        SweepEta eta = new SweepEta(List.of(run("a1", "a", 100), run("a2", "a", 100),
                run("a3", "a", 200), run("a4", "a", 100)), 1);
        eta.finished("a1", 80, true); // the JIT's warm-up: 0.8 s per unit
        eta.finished("a2", 10, true); // 0.1
        assertEquals(Optional.of(Duration.ofSeconds(135)), eta.remaining(0).exact(), "the median of two, 0.45, × 300");
        eta.finished("a3", 24, true); // 0.12: the median of 0.1, 0.12, 0.8 (the pooled 114 s / 400 units would say 28.5 s)
        assertEquals(Optional.of(Duration.ofSeconds(12)), eta.remaining(0).exact());
    }

    /**
     * The JIT's warm-up, on a fake clock: a run started after a run of its preset finished in this process runs warm,
     * and a key's rate is its warm runs' once it has one. One worker: a1 cold, 0.8 s per unit; a2, started after it,
     * 0.1: the two to go cost 0.1 × 300 = 30 s (the median of both, 0.45, said 135 s). Two workers: a1 and a2 start
     * together, both cold (0.8, 0.85); a3, started when a1 is done, is warm (0.15): a4 costs 15 s, not the median of
     * the three's 80 s. A run finished in an earlier invocation (finishedBefore) makes no run warm.
     */
    @Test
    void aRunStartedAfterItsPresetsFirstRunFinishedPricesItsKeyWithoutTheWarmUp() {
        SweepEta eta = new SweepEta(List.of(run("a1", "a", 100), run("a2", "a", 100),
                run("a3", "a", 200), run("a4", "a", 100)), 1);
        eta.started("a1", 0);
        eta.finished("a1", 80, true);
        eta.started("a2", 80);
        assertEquals(Optional.of(Duration.ofSeconds(320)), eta.remaining(80).exact(), "only the cold run so far");
        eta.finished("a2", 10, true);
        assertEquals(Optional.of(Duration.ofSeconds(30)), eta.remaining(90).exact());

        SweepEta two = new SweepEta(List.of(run("a1", "a", 100), run("a2", "a", 100),
                run("a3", "a", 100), run("a4", "a", 100)), 2);
        two.started("a1", 0);
        two.started("a2", 0);
        two.finished("a1", 80, true);
        two.started("a3", 80);
        two.finished("a2", 85, true);
        two.started("a4", 85);
        two.finished("a3", 15, true);
        assertEquals(Optional.of(Duration.ofSeconds(5)), two.remaining(95).exact(), "a4: 15 s, 10 of which it has run");

        SweepEta resumed = new SweepEta(List.of(run("a1", "a", 100), run("a2", "a", 100)), 1);
        resumed.finishedBefore(run("a0", "a", 100), 80, true, null);
        resumed.started("a1", 0);
        resumed.finished("a1", 10, true);
        assertEquals(Optional.of(Duration.ofSeconds(45)), resumed.remaining(10).exact(),
                "a1 was the first run in this JVM: cold, with a0 the median of two, 0.45 s per unit");
    }

    @Test
    void everyRunStartedCountsEvenBeyondTheWorkers() {
        SweepEta eta = new SweepEta(List.of(run("a1", "a", 100), run("a2", "a", 100),
                run("a3", "a", 300), run("a4", "a", 100)), 1);
        eta.finished("a1", 10, true); // 0.1 s per unit
        eta.started("a2", 10);
        eta.started("a3", 10); // an engine that starts more runs than it was told workers: a started run is running
        // at 11 s: a2 has 9 s left, a3 29 s; a4 (10 s) goes to the first free, a2's, at 9 s: done at 19 s
        assertEquals(Optional.of(Duration.ofSeconds(29)), eta.remaining(11).exact());
    }

    /**
     * The case that misled: paper and paper-sg on two datasets, one worker. After the two paper runs (5 s each), the old
     * rule (the mean finished run for a preset with none finished) said 4 × 5 s = 20 s, confidently, with more than an
     * hour to go. The time left must not be given as one figure below the truth.
     */
    @Test
    void aMixedPresetSweepIsNotPromisedEarly() {
        // paper: 1e6 presentation-steps at 5 µs; paper-sg: 1e9 hidden-unit steps at 2 µs, 2 000 s a run
        SweepEta eta = new SweepEta(List.of(run("paper-mnist-0", "paper", 1e6),
                run("paper-fashion-0", "paper", 1e6), run("paper-sg-mnist-0", "paper-sg", 1e9),
                run("paper-sg-fashion-0", "paper-sg", 1e9), run("paper-mnist-1", "paper", 1e6),
                run("paper-fashion-1", "paper", 1e6)), 1);
        eta.started("paper-mnist-0", 0);
        eta.finished("paper-mnist-0", 5, true);
        eta.started("paper-fashion-0", 5);
        eta.finished("paper-fashion-0", 5, true);
        SweepEta.Remaining r = eta.remaining(10);
        double truth = 2000 + 2000 + 5 + 5;
        assertTrue(r.exact().isEmpty() || r.exact().get().toSeconds() >= truth * 0.9,
                "a figure far below the " + truth + " s left: " + r.inWords());
        assertEquals(List.of("paper-sg"), r.pending());
        assertEquals("0:00:10 + unknown (no paper-sg run finished yet)", r.inWords());

        eta.started("paper-sg-mnist-0", 10);
        eta.finished("paper-sg-mnist-0", 2000, true);
        assertEquals(Optional.of(Duration.ofSeconds(2010)), eta.remaining(2010).exact(), "2 000 + 5 + 5");
    }

    private static SweepEta.Run run(String id, String key, double train, double sleep, double evaluation) {
        return new SweepEta.Run(id, key, key, new RunWork(train, sleep, evaluation));
    }

    /**
     * Runs of one cost key that sleep for different fractions: a sleep step costs more than a wake step, so one rate per
     * unit for the whole run misjudges both. Each run: 100 training units at 0.1 s, 50 evaluation units at 0.2 s and
     * 1 s outside its phases; f = 0.5 adds 100 sleep units at 0.26 s: f = 0 takes 21 s, f = 0.5 47 s (the sizes seen in a
     * sweep). The one-rate rule: median(21/150, 47/250) = 0.164 s per unit, 150 × 0.164 + 250 × 0.164 = 65.6 s for the
     * two to go, where 21 + 47 = 68 s are left.
     */
    @Test
    void runsOfOneKeyThatSleepDifferentlyCostTheirPhases() {
        SweepEta eta = new SweepEta(List.of(run("f0-s1", "p", 100, 0, 50), run("f5-s1", "p", 100, 100, 50),
                run("f0-s2", "p", 100, 0, 50), run("f5-s2", "p", 100, 100, 50)), 1);
        eta.finished("f0-s1", 21, true, false, new RunWork(10, 0, 10));
        // only f = 0 finished: the sleep phase is unmeasured, so f5-s2's sleep takes the whole runs' rate, 21/150 s
        // per unit: 100 × 0.14 = 14 s; its other phases 10 + 10 + 1 s; f0-s2 21 s, f5-s1 35 s as well
        assertEquals(Optional.of(Duration.ofSeconds(21 + 35 + 35)), eta.remaining(21).exact());
        eta.finished("f5-s1", 47, true, false, new RunWork(10, 26, 10));
        assertEquals(Optional.of(Duration.ofSeconds(68)), eta.remaining(68).exact(), "21 + 47");
    }

    /**
     * A run resumed from a snapshot finished in 3 s of wall time (the part after its resume) for its 100 units, where a
     * whole run takes 10 s: counted as 0.03 s per unit it would pull the key's rate to median(0.1, 0.03) = 0.065 and
     * the run to go to 6.5 s. Its timing.json's phases (the whole run's, 9 s) teach the rate; its wall time does not.
     */
    @Test
    void aResumedRunTeachesByItsPhasesNotItsWallTime() {
        SweepEta eta = new SweepEta(List.of(run("a1", "a", 100, 0, 0), run("a2", "a", 100, 0, 0),
                run("a3", "a", 100, 0, 0)), 1);
        eta.finished("a1", 10, true, false, new RunWork(9, 0, 0)); // 0.09 s per unit and 1 s outside
        eta.finished("a2", 3, true, true, new RunWork(9, 0, 0));
        assertEquals(Optional.of(Duration.ofSeconds(10)), eta.remaining(13).exact(), "9 s of phases + 1 s outside");

        // without phase timings (an executor that writes no timing.json) the resumed run is left out altogether
        SweepEta bare = new SweepEta(List.of(run("b1", "b", 100), run("b2", "b", 100),
                run("b3", "b", 100)), 1);
        bare.finished("b1", 10, true);
        bare.finished("b2", 3, true, true, null);
        assertEquals(Optional.of(Duration.ofSeconds(10)), bare.remaining(13).exact());
    }

    @Test
    void aResumedRunHasOnlyTheWorkAfterItsSnapshotLeft() {
        // one worker; key a: 0.1 s per unit (a1: 100 units in 10 s); a2: 1 000 units, resumed with 60 % done;
        // a3: 200 units to go
        SweepEta eta = new SweepEta(List.of(run("a1", "a", 100), run("a2", "a", 1000),
                run("a3", "a", 200)), 1);
        eta.started("a1", 0);
        eta.finished("a1", 10, true);
        eta.started("a2", 20);
        eta.resumed("a2", new RunWork(400, 0, 0));
        // a2: 400 units left × 0.1 s = 40 s, less the 10 s it has run since its resume: 30 s; then a3: 20 s
        // (counted from its resume as a whole run it would say 100 − 10 + 20 = 110 s)
        assertEquals(Optional.of(Duration.ofSeconds(50)), eta.remaining(30).exact());
        assertEquals(Optional.of(Duration.ofSeconds(20)), eta.remaining(60).exact(), "a2 overrunning: 0 for it");
        eta.resumed("a2", new RunWork(1000, 0, 0)); // its snapshot refused: it runs again from the start
        assertEquals(Optional.of(Duration.ofSeconds(110)), eta.remaining(30).exact());
        eta.resumed("a2", new RunWork(Double.NaN, 0, 0)); // not a run's work: the whole run's
        assertEquals(Optional.of(Duration.ofSeconds(110)), eta.remaining(30).exact());
        eta.resumed("a3", new RunWork(100, 0, 0)); // not started: nothing to resume
        eta.finished("a2", 50, true, true, null);
        eta.started("a3", 80);
        assertEquals(Optional.of(Duration.ofSeconds(20)), eta.remaining(80).exact(), "a3 a fresh run");
    }

    /**
     * A resumed STDP-SNN run's time left, phase by phase (100 images of 10 steps, 4 checkpoints each fitting the
     * readout on all 100 training images and scoring 20 validation images, the end fitting it and scoring 50 test
     * images; sleep f = 0.2, f/(1 − f) = 1/4 of the wake steps). Its units: training 100 × 10 = 1 000, sleep 250,
     * evaluation (4 × (100 + 20) + 100 + 50) × 10 = 6 300. Key k's finished run taught 0.01 s per training unit, 0.04
     * per sleep unit, 0.002 per evaluation unit and 2 s outside the phases: 10 + 10 + 12.6 + 2 = 34.6 s a run.
     * <p>
     * Its snapshot: 60 images trained, the checkpoints after 25 and 50 images done. Left: training 40 × 10 = 400 units,
     * 4 s; sleep 100 units, 4 s; evaluation the checkpoints at 75 and 100 images and the end, (2 × 120 + 150) × 10 =
     * 3 900 units, 7.8 s; 2 s outside (data loaded again, files written): 17.8 s, 12.8 s of it 5 s after the resume.
     * The old rule, the run's cost × the 40 % of training left, said 34.6 × 0.4 − 5 = 8.84 s: the checkpoints still to
     * come and the final readout and test are not 40 % done, they are all to do.
     */
    @Test
    void aResumedRunHasItsTrainingAndSleepLeftAndTheEvaluationsAfterItsSnapshot() throws Exception {
        JsonNode config = Mappers.YAML.readTree("""
                preset: p
                simulation: {steps_per_image: 10}
                train: {images: 100, epochs: 1, readout_images: 0, checkpoints: 4, validation_images: 20,
                        test_images: 50}
                sleep: {fraction: 0.2, episode: fraction, budget: added}
                """);
        RunWork whole = RunWork.of(config);
        assertEquals(new RunWork(1000, 250, 6300), whole);
        RunWork left = RunWork.left(config, 0.6, 2);
        assertEquals(400, left.train(), 1e-9);
        assertEquals(100, left.sleep(), 1e-9);
        assertEquals(3900, left.evaluation(), 1e-9);

        SweepEta eta = new SweepEta(List.of(new SweepEta.Run("k1", "k", "p", whole),
                new SweepEta.Run("k2", "k", "p", whole)), 1);
        eta.started("k1", 0);
        eta.finished("k1", 34.6, true, false, new RunWork(10, 10, 12.6));
        eta.started("k2", 40);
        assertEquals(Optional.of(Duration.ofMillis(29_600)), eta.remaining(45).exact(), "unresumed: 34.6 − 5 s");
        eta.resumed("k2", left);
        assertEquals(Optional.of(Duration.ofMillis(12_800)), eta.remaining(45).exact(), "4 + 4 + 7.8 + 2 − 5 s");
    }

    /**
     * A resumed sweep's time left from the runs finished before the resume, one worker. Key p (100 training, 50
     * evaluation units a run; p3 also sleeps 100 units): p1 took 21 s, its timing.json 10 s training and 10 s
     * evaluation: 0.1 and 0.2 s per unit, 1 s outside, 21/150 = 0.14 s per unit whole. p0 (started twice: maybe resumed)
     * took 3 s in its last attempt, its phases the same: it teaches its phases only (its 3 s as a whole run would pull
     * the whole rate to median(0.14, 0.02) = 0.08 and the outside to median(1, 0) = 0.5). Key q: q1 took 30 s for 100
     * units, its timing.json missing: 0.3 s per unit; q0 neither wall time nor timing.json: nothing. To go: p2
     * 10 + 10 + 1 = 21 s; p3 10 + 100 × 0.14 (sleep unmeasured: the whole rate) + 10 + 1 = 35 s; q2 30 s: 86 s, where
     * the runs to go alone said "unknown: no p or q run finished yet".
     */
    @Test
    void aResumedSweepLearnsFromTheRunsFinishedBeforeIt() {
        SweepEta eta = new SweepEta(List.of(run("p2", "p", 100, 0, 50), run("p3", "p", 100, 100, 50),
                run("q2", "q", 100)), 1);
        assertEquals("unknown: no p or q run finished yet", eta.remaining(0).inWords());
        eta.finishedBefore(run("p1", "p", 100, 0, 50), 21, true, new RunWork(10, 0, 10));
        eta.finishedBefore(run("p0", "p", 100, 0, 50), 3, false, new RunWork(10, 0, 10));
        eta.finishedBefore(run("q1", "q", 100), 30, true, null);
        eta.finishedBefore(run("q0", "q", 100), Double.NaN, true, null);
        eta.finishedBefore(run("p2", "p", 100, 0, 50), 1, true, null); // a run to go is not finished
        assertEquals(Optional.of(Duration.ofSeconds(21 + 35 + 30)), eta.remaining(0).exact());

        eta.started("p2", 0);
        eta.finished("p2", 21, true, false, new RunWork(10, 0, 10)); // as p1: the rates stay
        assertEquals(Optional.of(Duration.ofSeconds(35 + 30)), eta.remaining(21).exact());
    }
}
