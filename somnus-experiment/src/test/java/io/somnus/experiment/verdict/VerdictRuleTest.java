package io.somnus.experiment.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rule of docs/verdict.md on hand-made studies of three seeds, each built so that one claim lands on one outcome.
 * The per-seed differences are chosen so that the paired 95 % interval is known by hand (t(0.975, 2) = 4.3027):
 * differences (0.04, 0.05, 0.06) give 0.05 ± 0.0248 (a clear effect beyond the 0.02 margin); (0, 0.005, 0.01) give
 * 0.005 ± 0.0124 (inside ±0.02); (−0.02, 0.03, 0.08) give 0.03 ± 0.124 (too wide to say).
 */
class VerdictRuleTest {
    private static final double[] CLEAR = {0.04, 0.05, 0.06};
    private static final double[] NONE = {0.0, 0.005, 0.01};
    private static final double[] WIDE = {-0.02, 0.03, 0.08};

    private final List<VerdictRun> runs = new ArrayList<>();

    /** Three seeds of one cell: {@code base + offsets[seed − 1]} for each quantity given as (quantity, base, offsets). */
    private void cell(String preset, String model, String dataset, String control, double f, Object... spec) {
        for (int s = 0; s < 3; s++) {
            Map<Quantity, Double> q = new EnumMap<>(Quantity.class);
            for (int i = 0; i < spec.length; i += 3) {
                double[] offsets = (double[]) spec[i + 2];
                q.put((Quantity) spec[i], (Double) spec[i + 1] + (offsets == null ? 0 : offsets[s]));
            }
            runs.add(new VerdictRun(preset, model, dataset, "", control, f, s + 1, q));
        }
    }

    private static double[] neg(double[] x) {
        return new double[] {-x[0], -x[1], -x[2]};
    }

    private static PresetVerdict find(StudyVerdict v, int claim, String preset) {
        return v.claims().get(claim - 1).presets().stream().filter(p -> p.preset().equals(preset)).findFirst().orElseThrow();
    }

    private static Map<String, Outcome> criteria(PresetVerdict p, int condition) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        p.conditions().get(condition).criteria().forEach(c -> out.put(c.id(), c.outcome()));
        return out;
    }

    /** The STDP-SNN at f = 0 and 0.2 with weights that grow without sleep, saturation and drawdown lowered by sleep. */
    private void stdpStudy(String dataset, double[] saturationChange, double[] accuracyGain) {
        cell("paper", "stdp", dataset, "", 0.0, Quantity.TEST_ACCURACY, 0.70, null, Quantity.DRAWDOWN, 0.10, null,
                Quantity.SATURATED_FRACTION, 0.30, null, Quantity.WEIGHT_GROWTH, 0.6, new double[] {-0.1, 0, 0.1},
                Quantity.LAST_QUARTER_STD, Double.NaN, null);
        cell("paper", "stdp", dataset, "", 0.2, Quantity.TEST_ACCURACY, 0.70, accuracyGain, Quantity.DRAWDOWN, 0.10,
                neg(CLEAR), Quantity.SATURATED_FRACTION, 0.30, saturationChange, Quantity.WEIGHT_GROWTH, 0.0, null,
                Quantity.LAST_QUARTER_STD, Double.NaN, null);
        // f = 0.5 is outside the paper's range: it must not be the dose
        cell("paper", "stdp", dataset, "", 0.5, Quantity.TEST_ACCURACY, 0.10, null, Quantity.DRAWDOWN, 0.9, null);
    }

    @Test
    void claimOneHoldsWhenEveryCriterionHolds() {
        stdpStudy("fashion-mnist", neg(CLEAR), CLEAR);
        PresetVerdict p = find(VerdictRule.decide(runs), 1, "paper");
        assertEquals(Outcome.HOLDS, p.outcome(), p.reason());
        assertEquals(Map.of("1a", Outcome.HOLDS, "1b", Outcome.HOLDS, "1c", Outcome.HOLDS, "1d", Outcome.NOT_RUN),
                criteria(p, 0));
        assertEquals(0.2, p.conditions().get(0).dose());
        Criterion growth = p.conditions().get(0).criteria().get(0);
        assertEquals(0.6, growth.estimate().value(), 1e-12);
        assertEquals("f=0", growth.comparison());
        Criterion saturation = p.conditions().get(0).criteria().get(1);
        assertEquals(-0.05, saturation.estimate().value(), 1e-12);
        assertTrue(saturation.estimate().paired());
        assertEquals("f=0.20 − f=0", saturation.comparison());
    }

    @Test
    void claimOneDoesNotHoldWhenSleepLeavesSaturationWithinTheMargin() {
        stdpStudy("fashion-mnist", NONE, CLEAR);
        PresetVerdict p = find(VerdictRule.decide(runs), 1, "paper");
        assertEquals(Outcome.DOES_NOT_HOLD, p.outcome());
        assertEquals(Outcome.DOES_NOT_HOLD, criteria(p, 0).get("1b"));
        assertTrue(p.reason().contains("1b does not hold"), p.reason());
    }

    /** One dataset where it holds and one where the saturation change is too uncertain: inconclusive overall. */
    @Test
    void aClaimIsInconclusiveWhenOneDatasetIsAndNoneFails() {
        stdpStudy("fashion-mnist", neg(CLEAR), CLEAR);
        stdpStudy("geomfig", neg(WIDE), CLEAR);
        PresetVerdict p = find(VerdictRule.decide(runs), 1, "paper");
        assertEquals(Outcome.HOLDS, p.conditions().get(0).outcome());
        assertEquals(Outcome.INCONCLUSIVE, p.conditions().get(1).outcome());
        assertEquals(Outcome.INCONCLUSIVE, p.outcome());
    }

    /**
     * Claim 2 with both controls: sleep lowers drawdown (2a holds) and beats the untrained control, but is no better
     * than the control at the sleep target: claim 2 does not hold, and the reason says that what sleep gives is the weight scale.
     */
    @Test
    void claimTwoComparesSleepWithTheControls() {
        stdpStudy("fashion-mnist", neg(CLEAR), CLEAR);
        cell("paper", "stdp", "fashion-mnist", "untrained", 0.0, Quantity.TEST_ACCURACY, 0.70, null);
        // 0.70 + CLEAR − NONE: the trained network with sleep is within 0.02 of this control
        cell("paper", "stdp", "fashion-mnist", "untrained_sleep_target", 0.0, Quantity.TEST_ACCURACY, 0.70,
                new double[] {0.04, 0.045, 0.05});
        PresetVerdict p = find(VerdictRule.decide(runs), 2, "paper");
        assertEquals(Map.of("2a", Outcome.HOLDS, "2b", Outcome.NOT_RUN, "2c", Outcome.HOLDS, "2d", Outcome.DOES_NOT_HOLD),
                criteria(p, 0));
        assertEquals(Outcome.DOES_NOT_HOLD, p.outcome());
        assertTrue(p.reason().startsWith("stability holds; learning beyond the controls does not hold"), p.reason());
        assertTrue(p.reason().contains("not better by δ than a control that never learned"), p.reason());
        assertEquals("f=0.20 − untrained_sleep_target", p.conditions().get(0).criteria().get(3).comparison());
    }

    /** Without controls and with fewer than five checkpoints, claim 2 rests on the drawdown alone. */
    @Test
    void claimTwoWithoutControlsRestsOnStability() {
        stdpStudy("fashion-mnist", neg(CLEAR), CLEAR);
        PresetVerdict p = find(VerdictRule.decide(runs), 2, "paper");
        assertEquals(Outcome.HOLDS, p.outcome(), p.reason());
        assertTrue(p.conditions().get(0).note().contains("no untrained control"), p.conditions().get(0).note());
    }

    /** Claim 3: the SG-SNN's accuracy and drawdown change by less than the margins: no benefit, the claim holds. */
    @Test
    void claimThreeHoldsWhenSleepChangesNothingBeyondTheMargin() {
        cell("paper-sg", "sg", "fashion-mnist", "", 0.0, Quantity.TEST_ACCURACY, 0.80, null, Quantity.DRAWDOWN, 0.05, null);
        cell("paper-sg", "sg", "fashion-mnist", "", 0.1, Quantity.TEST_ACCURACY, 0.80, NONE, Quantity.DRAWDOWN, 0.05, NONE);
        PresetVerdict p = find(VerdictRule.decide(runs), 3, "paper-sg");
        assertEquals(Outcome.HOLDS, p.outcome(), p.reason());
        assertEquals(0.1, p.conditions().get(0).dose());
    }

    /**
     * Criterion 3c, the SG-SNN's forgetting in continual runs: sleep lowering the average forgetting by (0.04, 0.05,
     * 0.06), Δ = −0.05 ± 0.0248, is a benefit beyond the margin and claim 3 does not hold though 3a and 3b hold; by
     * (0, 0.005, 0.01), Δ = −0.005 ± 0.0124 inside ±0.02, 3c holds; without forgetting values (runs that were not
     * continual) 3c is not run and claim 3 rests on 3a and 3b.
     */
    @Test
    void claimThreeDecidesForgettingInContinualRuns() {
        sgContinual(neg(CLEAR));
        PresetVerdict helped = find(VerdictRule.decide(runs), 3, "sg-fc");
        assertEquals(Map.of("3a", Outcome.HOLDS, "3b", Outcome.HOLDS, "3c", Outcome.DOES_NOT_HOLD), criteria(helped, 0));
        assertEquals(Outcome.DOES_NOT_HOLD, helped.outcome(), helped.reason());
        assertTrue(helped.reason().contains("3c does not hold"), helped.reason());
        Criterion forgetting = helped.conditions().get(0).criteria().get(2);
        assertEquals("no forgetting benefit (continual)", forgetting.description());
        assertEquals(Quantity.AVERAGE_FORGETTING, forgetting.quantity());
        assertEquals("f=0.20 − f=0", forgetting.comparison());
        assertEquals(0.02, forgetting.margin());
        assertTrue(forgetting.estimate().paired());
        assertEquals(-0.05, forgetting.estimate().value(), 1e-12);
        assertEquals(-0.05 - 0.0248, forgetting.estimate().low(), 1e-4);
        assertEquals(-0.05 + 0.0248, forgetting.estimate().high(), 1e-4);

        runs.clear();
        sgContinual(neg(NONE));
        PresetVerdict none = find(VerdictRule.decide(runs), 3, "sg-fc");
        assertEquals(Map.of("3a", Outcome.HOLDS, "3b", Outcome.HOLDS, "3c", Outcome.HOLDS), criteria(none, 0));
        assertEquals(Outcome.HOLDS, none.outcome(), none.reason());

        runs.clear();
        cell("paper-sg", "sg", "fashion-mnist", "", 0.0, Quantity.TEST_ACCURACY, 0.80, null, Quantity.DRAWDOWN, 0.05, null,
                Quantity.AVERAGE_FORGETTING, Double.NaN, null);
        cell("paper-sg", "sg", "fashion-mnist", "", 0.2, Quantity.TEST_ACCURACY, 0.80, NONE, Quantity.DRAWDOWN, 0.05, NONE,
                Quantity.AVERAGE_FORGETTING, Double.NaN, null);
        PresetVerdict notContinual = find(VerdictRule.decide(runs), 3, "paper-sg");
        assertEquals(Map.of("3a", Outcome.HOLDS, "3b", Outcome.HOLDS, "3c", Outcome.NOT_RUN), criteria(notContinual, 0));
        assertEquals(Outcome.HOLDS, notContinual.outcome());
    }

    /** An SG-SNN (sg-fc, decided by its model) in continual runs at f = 0 and 0.2, its forgetting changed by sleep. */
    private void sgContinual(double[] forgettingChange) {
        cell("sg-fc", "sg", "fashion-mnist", "", 0.0, Quantity.TEST_ACCURACY, 0.30, null, Quantity.DRAWDOWN, 0.05, null,
                Quantity.AVERAGE_FORGETTING, 0.90, null);
        cell("sg-fc", "sg", "fashion-mnist", "", 0.2, Quantity.TEST_ACCURACY, 0.30, NONE, Quantity.DRAWDOWN, 0.05, NONE,
                Quantity.AVERAGE_FORGETTING, 0.90, forgettingChange);
    }

    @Test
    void claimThreeDoesNotHoldWhenSleepClearlyHelps() {
        cell("paper-sg", "sg", "fashion-mnist", "", 0.0, Quantity.TEST_ACCURACY, 0.80, null, Quantity.DRAWDOWN, 0.05, null);
        cell("paper-sg", "sg", "fashion-mnist", "", 0.2, Quantity.TEST_ACCURACY, 0.80, CLEAR, Quantity.DRAWDOWN, 0.05, NONE);
        assertEquals(Outcome.DOES_NOT_HOLD, find(VerdictRule.decide(runs), 3, "paper-sg").outcome());
    }

    /**
     * An f* at which no run slept (an SG-SNN sleeps after an epoch with probability f) compares no sleep with no sleep:
     * its comparisons are not run, and say why; one seed that slept is enough to decide them.
     */
    @Test
    void anFStarWhereNoRunSleptIsNotRun() {
        cell("paper-sg", "sg", "fashion-mnist", "", 0.0, Quantity.TEST_ACCURACY, 0.80, null, Quantity.DRAWDOWN, 0.05, null,
                Quantity.SLEEP_EPISODES, 0.0, null);
        cell("paper-sg", "sg", "fashion-mnist", "", 0.2, Quantity.TEST_ACCURACY, 0.80, NONE, Quantity.DRAWDOWN, 0.05, NONE,
                Quantity.SLEEP_EPISODES, 0.0, null);
        PresetVerdict none = find(VerdictRule.decide(runs), 3, "paper-sg");
        assertEquals(Outcome.NOT_RUN, none.outcome(), none.reason());
        assertTrue(none.reason().contains("no run at f=0.20 slept (0 episodes in 3)"), none.reason());
        // f = 0.2 is in [0.1, 0.2]: the reason does not also say that no fraction is
        assertFalse(none.reason().contains("no sleep fraction in"), none.reason());
        runs.clear();
        cell("paper-sg", "sg", "fashion-mnist", "", 0.0, Quantity.TEST_ACCURACY, 0.80, null, Quantity.DRAWDOWN, 0.05, null,
                Quantity.SLEEP_EPISODES, 0.0, null);
        cell("paper-sg", "sg", "fashion-mnist", "", 0.2, Quantity.TEST_ACCURACY, 0.80, NONE, Quantity.DRAWDOWN, 0.05, NONE,
                Quantity.SLEEP_EPISODES, 0.0, new double[] {0, 1, 0});
        assertEquals(Outcome.HOLDS, find(VerdictRule.decide(runs), 3, "paper-sg").outcome());
    }

    /** Every named preset is listed; one the study does not have is not run, as is a study without a dose in range. */
    @Test
    void absentPresetsAndMissingDosesAreNotRun() {
        cell("paper-sg", "sg", "geomfig", "", 0.0, Quantity.TEST_ACCURACY, 0.80, null);
        cell("paper-sg", "sg", "geomfig", "", 0.5, Quantity.TEST_ACCURACY, 0.80, CLEAR);
        StudyVerdict v = VerdictRule.decide(runs);
        assertEquals(List.of("paper", "paper-code"), v.claims().get(0).presets().stream().map(PresetVerdict::preset).toList());
        assertEquals(List.of("paper-sg", "paper-sg-code"), v.claims().get(2).presets().stream().map(PresetVerdict::preset).toList());
        for (String preset : List.of("paper", "paper-code")) {
            assertEquals(Outcome.NOT_RUN, find(v, 1, preset).outcome());
            assertEquals(Outcome.NOT_RUN, find(v, 2, preset).outcome());
        }
        assertEquals(Outcome.NOT_RUN, find(v, 3, "paper-sg-code").outcome());
        assertTrue(find(v, 3, "paper-sg-code").reason().contains("no runs of this preset"));
        PresetVerdict sg = find(v, 3, "paper-sg");
        assertEquals(Outcome.NOT_RUN, sg.outcome());
        assertTrue(sg.reason().contains("no sleep fraction in [0.1, 0.2]"), sg.reason());
    }

    /**
     * A sweep that planned f = 0.2 but has none of its runs (failed, unfinished, deleted) falls to f* = 0.1: the
     * condition's note says so, the outcome being the rule's at 0.1; with no fraction in range left it names the missing one
     * instead of "no sleep fraction in [0.1, 0.2]". A sweep that never planned 0.2 gets no such note.
     */
    @Test
    void aPlannedFStarWithoutRunsIsNamed() {
        cell("paper-sg", "sg", "geomfig", "", 0.0, Quantity.TEST_ACCURACY, 0.80, null, Quantity.DRAWDOWN, 0.05, null);
        cell("paper-sg", "sg", "geomfig", "", 0.1, Quantity.TEST_ACCURACY, 0.80, NONE, Quantity.DRAWDOWN, 0.05, NONE);
        PresetVerdict fell = find(VerdictRule.decide(runs, List.of(0.0, 0.1, 0.2, 0.5)), 3, "paper-sg");
        assertEquals(find(VerdictRule.decide(runs), 3, "paper-sg").outcome(), fell.outcome());
        assertEquals(0.1, fell.conditions().get(0).dose(), 1e-12);
        assertEquals("f=0.20 was in the sweep, but none of its runs is here; f* is 0.10",
                fell.conditions().get(0).note(), "verdict.csv's note and the report's condition row");
        assertEquals("", find(VerdictRule.decide(runs, List.of(0.0, 0.1, 0.5)), 3, "paper-sg").conditions().get(0).note());
        runs.removeIf(r -> r.sleepFraction() == 0.1);
        PresetVerdict none = find(VerdictRule.decide(runs, List.of(0.0, 0.1, 0.2)), 3, "paper-sg");
        assertEquals(Outcome.NOT_RUN, none.outcome());
        assertTrue(none.reason().contains("f=0.20 was in the sweep, but none of its runs is here")
                && !none.reason().contains("no sleep fraction in"), none.reason());
    }

    /** paper-code is decided by name when a study has it (and another STDP preset by its model). */
    @Test
    void paperCodeIsDecidedWhenPresent() {
        stdpStudy("geomfig", neg(CLEAR), CLEAR);
        runs.replaceAll(r -> new VerdictRun("paper-code", r.model(), r.dataset(), r.variant(), r.control(),
                r.sleepFraction(), r.seed(), r.quantities()));
        StudyVerdict v = VerdictRule.decide(runs);
        assertEquals(Outcome.HOLDS, find(v, 1, "paper-code").outcome());
        assertEquals(Outcome.NOT_RUN, find(v, 1, "paper").outcome());
    }

    @Test
    void theConjunction() {
        assertEquals(Outcome.HOLDS, Outcome.all(List.of(Outcome.HOLDS, Outcome.NOT_RUN, Outcome.HOLDS)));
        assertEquals(Outcome.INCONCLUSIVE, Outcome.all(List.of(Outcome.HOLDS, Outcome.INCONCLUSIVE)));
        assertEquals(Outcome.DOES_NOT_HOLD, Outcome.all(List.of(Outcome.INCONCLUSIVE, Outcome.DOES_NOT_HOLD, Outcome.HOLDS)));
        assertEquals(Outcome.NOT_RUN, Outcome.all(List.of(Outcome.NOT_RUN)));
    }
}
