package io.somnus.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.sweep.RunCounts;
import io.somnus.experiment.sweep.SweepResults;
import io.somnus.experiment.verdict.ClaimVerdict;
import io.somnus.experiment.verdict.Outcome;
import io.somnus.experiment.verdict.PresetVerdict;
import io.somnus.experiment.verdict.StudyVerdict;
import io.somnus.experiment.verdict.VerdictInputs;
import io.somnus.experiment.verdict.VerdictRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict's caveats on a hand-made study whose numbers make each of them true: a trained paper network that tests
 * below its untrained control, an E→I projection that never moves, an SG-SNN whose f* slept 1/200 of the dose and lost
 * 0.3 of its accuracy, controls with drawdowns 0.03–0.05.
 */
class VerdictCaveatsTest {
    private static RunRecord run(String preset, String model, String variant, double f, long seed, Map<String, Double> m) {
        Map<String, Double> metrics = new HashMap<>(m);
        return new RunRecord(preset + f + variant + seed, Path.of("none"), preset, model, "geomfig", variant, f, seed,
                JsonNodeFactory.instance.objectNode(), metrics);
    }

    private static List<RunRecord> study(double trainedAccuracy) {
        List<RunRecord> runs = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            double s = 0.01 * seed;
            runs.add(run("paper", "stdp", "", 0, seed, Map.of("test_accuracy", trainedAccuracy + s,
                    "weights.e_i.frac_saturated", 1.0, "weights.input_e.frac_saturated", 0.1 + s,
                    "stability.max_drawdown", 0.1)));
            runs.add(run("paper", "stdp", "", 0.2, seed, Map.of("test_accuracy", 0.5 + s,
                    "weights.e_i.frac_saturated", 0.0, "weights.input_e.frac_saturated", 0.1 + s,
                    "stability.max_drawdown", 0.05)));
            runs.add(run("paper", "stdp", "control=untrained", 0, seed, Map.of("test_accuracy", 0.45 + s,
                    "stability.max_drawdown", 0.02 + s)));
            runs.add(run("paper-sg", "sg", "", 0, seed, Map.of("test_accuracy", 0.8 + s, "stability.max_drawdown", 0.02,
                    SleepDose.ACHIEVED, 0.0, SleepDose.EPISODES, 0.0)));
            runs.add(run("paper-sg", "sg", "", 0.2, seed, Map.of("test_accuracy", 0.5 + s * s * 10,
                    "stability.max_drawdown", 0.02, SleepDose.ACHIEVED, 0.001, SleepDose.EPISODES, 1.0)));
        }
        return runs;
    }

    private static List<String> caveats(List<RunRecord> runs) {
        return VerdictCaveats.of(VerdictRule.decide(VerdictInputs.of(runs)), runs);
    }

    private static String find(List<String> caveats, String start) {
        return caveats.stream().filter(c -> c.startsWith(start)).findFirst().orElseThrow(() ->
                new AssertionError("no caveat starting '" + start + "' in " + caveats));
    }

    @Test
    void eachCaveatNamesThePresetAndItsNumbers() {
        List<String> c = caveats(study(0.40));
        // means 0.42 (0.41, 0.42, 0.43) against 0.47
        String worse = find(c, "paper on geomfig: trained without sleep it tests at 0.420, its untrained control at 0.470");
        assertTrue(worse.contains("3 and 3 seeds") && worse.contains("worse than untrained, by 0.050"), worse);
        // 1b: the mean over projections goes from (1 + 0.12)/2 to (0 + 0.12)/2, all of it e_i's
        String saturated = find(c, "paper on geomfig: without sleep e_i counts as fully saturated in every run");
        assertTrue(saturated.contains("of 1b's Δ −0.500 they make up −0.500 (the other projections 0.000)"), saturated);
        assertTrue(!saturated.contains("input_e"), saturated);
        assertTrue(find(c, "paper-sg on geomfig: at f* = 0.20 its runs spent 0.00100 of their steps asleep, about 1/200 of "
                + "the fraction named").endsWith("(docs/model-notes.md)."));
        assertTrue(find(c, "paper-sg on geomfig: 3a (no accuracy benefit) holds because sleep did harm: Δ −0.")
                .contains("is a loss"));
        assertTrue(find(c, "The untrained controls").contains("drawdowns of 0.030–0.050 (3 runs)"));
        assertTrue(find(c, "Each \"does not hold\"").contains("(the margin δ for a \"better\" test; no effect for a "
                + "\"not better\" or \"not worse\" one)"));
        String chance = find(c, "Each \"does not hold\"");
        // "not worse" reads "does not hold" when U' < 0 and Δ' ≤ −δ: at a true effect just above −δ (the claim true)
        // with a small spread, Δ' ≤ −δ half the time and U' < 0 nearly always, so the 2.5 % is no bound there
        assertTrue(chance.contains("more often for those two where the effect lies between no effect and δ, which their "
                + "claim allows (up to half the time near δ)"), chance);
        // claim 2 tests 2a (drawdown) and 2c (the untrained control) here: 2 × 2.5 % and 1 − 0.975² = 4.9 %
        assertTrue(chance.contains("claim 2, up to 2 tests per preset: at most 5 % (5 % if they were independent)"), chance);
    }

    /**
     * SPEC §9: where both readings of the paper were decided and differ, the caveats say so; a contradiction (holds
     * against does not hold) is "disagree", a difference with an inconclusive one "differ"; a reading not run is no
     * difference.
     */
    @Test
    void theTwoReadingsOfThePaperAreSaidToDifferWhereTheyDo() {
        StudyVerdict v = new StudyVerdict(List.of(
                claim(1, "stdp", "paper", Outcome.HOLDS, "paper-code", Outcome.DOES_NOT_HOLD),
                claim(2, "stdp", "paper", Outcome.HOLDS, "paper-code", Outcome.NOT_RUN),
                claim(3, "sg", "paper-sg", Outcome.INCONCLUSIVE, "paper-sg-code", Outcome.HOLDS)));
        List<String> c = VerdictCaveats.of(v, List.of());
        assertEquals(List.of("The paper's two readings disagree on claim 1: it holds for paper (the model the paper "
                + "describes) and does not hold for paper-code (the model the authors' code ran); docs/fidelity.md lists "
                + "where the two models differ.", "The paper's two readings differ on claim 3: it is inconclusive for "
                + "paper-sg (the model the paper describes) and holds for paper-sg-code (the model the authors' code "
                + "ran); docs/fidelity.md lists where the two models differ."), c);
    }

    private static ClaimVerdict claim(int n, String model, String a, Outcome oa, String b,
                                                                  Outcome ob) {
        return new ClaimVerdict(n, "claim " + n, model, List.of(
                new PresetVerdict(a, oa, "", List.of()),
                new PresetVerdict(b, ob, "", List.of())));
    }

    /** The terminal's verdict is followed by the same caveats, one per line. */
    @Test
    void theConsoleVerdictCarriesTheCaveats() {
        List<RunRecord> runs = study(0.40);
        String text = VerdictCaveats.console(new SweepResults(Path.of("none"), false, "s",
                Map.of(), RunCounts.NONE, runs, List.of()));
        assertTrue(text.startsWith("Verdict (rule: docs/verdict.md"), text);
        List<String> lines = List.of(text.split("\n"));
        int head = lines.indexOf("What these outcomes rest on (the rule decides them; these say where they mean less "
                + "than their words):");
        assertTrue(head > 0, text);
        assertEquals(caveats(runs).stream().map(c -> "- " + c).toList(), lines.subList(head + 1, lines.size()));
    }

    /** An f* at which no run slept compares no sleep with no sleep: said once, whatever the claims. */
    /** Controls that saw the same spikes at every checkpoint (train.checkpoint_spikes: same) set no noise floor. */
    @Test
    void controlsOnTheSameSpikesSetNoDrawdownFloor(@TempDir Path tmp) throws Exception {
        Path same = Files.createDirectories(tmp.resolve("control"));
        Files.writeString(same.resolve("config.yaml"), "model: stdp\ntrain:\n  checkpoint_spikes: same\n");
        List<RunRecord> runs = new ArrayList<>();
        for (RunRecord r : study(0.40)) {
            runs.add(r.variant().isEmpty() ? r : new RunRecord(r.runId(), same, r.preset(), r.model(), r.dataset(),
                    r.variant(), r.sleepFraction(), r.seed(), r.summary(), r.metrics()));
        }
        assertEquals(0, caveats(runs).stream().filter(s -> s.startsWith("The untrained controls")).count());
        assertTrue(find(caveats(study(0.40)), "The untrained controls").contains("(3 runs)"));
    }

    /**
     * Runs without sleep whose weights had grown 10-fold by the first checkpoint and then barely (1a does not hold,
     * ln(10.1/10)) are said to have grown before it, against the untrained control's total (the weights before
     * training); where their first checkpoint is at the control's total, nothing is said.
     */
    @Test
    void growthBeforeTheFirstCheckpointIsNamed(@TempDir Path tmp) throws Exception {
        String grown = find(caveats(withWeightTotals(tmp.resolve("grown"), 10.0)), "paper on geomfig: without sleep the "
                + "weights' total |w| at the first checkpoint (1a's W, every projection's) is already 10.0 times the "
                + "untrained control's");
        assertTrue(grown.contains(": ln 2.303, against 1a's margin 0.095.") && grown.contains("1a measures the growth "
                + "from the first checkpoint to the last, Δ +0.010"), grown);
        assertEquals(0, caveats(withWeightTotals(tmp.resolve("flat"), 1.0)).stream()
                .filter(c -> c.contains("at the first checkpoint")).count());
    }

    /**
     * {@link #study} with metrics.csv for paper's runs without sleep: the untrained controls' W is 1 at both
     * checkpoints, the trained runs' {@code first} then {@code first}·1.01.
     */
    private static List<RunRecord> withWeightTotals(Path dir, double first) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        for (RunRecord r : study(0.40)) {
            if (!r.preset().equals("paper") || r.sleepFraction() != 0) {
                runs.add(r);
                continue;
            }
            double w = r.variant().isEmpty() ? first : 1.0;
            Path run = Files.createDirectories(dir.resolve(r.runId()));
            Files.writeString(run.resolve("metrics.csv"), "images_seen,w_input_e_total_abs,w_e_e_total_abs\n"
                    + "100," + w / 2 + "," + w / 2 + "\n200," + w / 2 + "," + (r.variant().isEmpty() ? w * 0.51 : w / 2)
                    + "\n");
            runs.add(new RunRecord(r.runId(), run, r.preset(), r.model(), r.dataset(), r.variant(), r.sleepFraction(),
                    r.seed(), r.summary(), r.metrics()));
        }
        return runs;
    }

    /** Within the accuracy margin of its control, a trained network learned nothing; below it, learning harmed it. */
    @Test
    void aNetworkNoBetterThanItsControlLearnedNothingAndOneWorseWasHarmed() {
        String none = find(caveats(study(0.44)), "paper on geomfig: trained without sleep it tests at 0.460");
        assertTrue(none.endsWith("It learned nothing at this size, so claims 1 and 2 judge sleep on a network with "
                + "nothing learned to keep or lose."), none);
        String harmed = find(caveats(study(0.10)), "paper on geomfig: trained without sleep it tests at 0.120");
        assertTrue(harmed.contains("left it worse than untrained, by 0.350") && harmed.contains("2c and 2d"), harmed);
    }

    @Test
    void anFStarWithoutSleepIsSaidToTestNoDose() {
        List<RunRecord> runs = new ArrayList<>();
        for (RunRecord r : study(0.40)) {
            Map<String, Double> m = new HashMap<>(r.metrics());
            if (r.preset().equals("paper-sg") && r.sleepFraction() > 0) {
                m.put(SleepDose.ACHIEVED, 0.0);
                m.put(SleepDose.EPISODES, 0.0);
            }
            runs.add(run(r.preset(), r.model(), r.variant(), r.sleepFraction(), r.seed(), m));
        }
        List<String> c = caveats(runs);
        String none = find(c, "paper-sg on geomfig: at f* = 0.20 no run slept (3 of 3 had no episode)");
        assertTrue(none.endsWith("they are not tested at any dose."), none);
        assertEquals(1, c.stream().filter(x -> x.startsWith("paper-sg on geomfig: at f*")).count(), c.toString());
    }

    /**
     * The note under the verdict table wrote the achieved sleep 7.81e-04 where the table's "sleep achieved" says
     * 0.000781 (Formats.achieved): the two now read alike.
     */
    @Test
    void aDoseNotReachedIsWrittenAsTheTableWritesIt() {
        List<RunRecord> runs = new ArrayList<>();
        for (RunRecord r : study(0.40)) {
            Map<String, Double> m = new HashMap<>(r.metrics());
            if (r.preset().equals("paper-sg") && r.sleepFraction() > 0) {
                m.put(SleepDose.ACHIEVED, 1.0 / 1280);
            }
            runs.add(run(r.preset(), r.model(), r.variant(), r.sleepFraction(), r.seed(), m));
        }
        String dose = find(caveats(runs), "paper-sg on geomfig: at f* = 0.20 its runs spent ");
        assertTrue(dose.startsWith("paper-sg on geomfig: at f* = 0.20 its runs spent 0.000781 of their steps asleep, "
                + "about 1/256 of the fraction named"), dose);
    }

    /**
     * Continual runs of an SG-SNN whose sleep lowers its forgetting by (0.5, 0.6, 0.7) (3c does not hold) while its
     * learning accuracy (the mean of the task accuracy matrix's diagonal) falls by (0.07, 0.08, 0.09): Δ −0.080 ± 0.0248
     * (paired, t(0.975, 2) = 4.3027), wholly below −0.02, so the lower forgetting is said to be that of networks that
     * learnt less. A fall of (0.01, 0.02, 0.03), Δ −0.020 ± 0.0248, reaches above −δ: nothing is said.
     */
    @Test
    void forgettingLoweredWhereTheSleptNetworkLearntLessIsNamed() {
        String less = find(caveats(continualStudy(new double[] {0.07, 0.08, 0.09})), "sg-fc on geomfig: 3c (no "
                + "forgetting benefit (continual)) does not hold on slept networks that learnt less: at f* = 0.20 their "
                + "accuracy on each task just after training it (the learning accuracy, the mean of "
                + "continual.task_accuracy's diagonal) is lower than without sleep, Δ −0.080 [−0.105, −0.055] (n = 3, "
                + "paired), wholly beyond the margin δ = 0.020 on the worse side.");
        assertTrue(less.endsWith("its forgetting Δ −0.600 [−0.848, −0.352] (n = 3, paired) is not more kept."), less);
        List<String> within = caveats(continualStudy(new double[] {0.07, 0.08, 0.09}).stream()
                .map(r -> r.sleepFraction() == 0 ? r : withMatrix(r, 0.5 + 0.01 * r.seed()
                        - new double[] {0.01, 0.02, 0.03}[(int) r.seed() - 1])).toList());
        assertEquals(0, within.stream().filter(c -> c.contains("learnt less")).count(), within.toString());
    }

    /**
     * sg-fc's continual runs of two tasks at f = 0 and 0.2, three seeds: forgetting 0.9 − (0.5, 0.6, 0.7), learning
     * accuracy 0.5 + 0.01·seed, less {@code fall} at f = 0.2.
     */
    private static List<RunRecord> continualStudy(double[] fall) {
        List<RunRecord> runs = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            double learnt = 0.5 + 0.01 * seed;
            runs.add(withMatrix(run("sg-fc", "sg", "", 0, seed, Map.of("continual.average_forgetting", 0.9)), learnt));
            runs.add(withMatrix(run("sg-fc", "sg", "", 0.2, seed, Map.of("continual.average_forgetting",
                    0.9 - (0.4 + 0.1 * seed))), learnt - fall[(int) seed - 1]));
        }
        return runs;
    }

    /** The run with a summary.json whose two-task matrix has {@code learnt} on its diagonal. */
    private static RunRecord withMatrix(RunRecord r, double learnt) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        ArrayNode rows = summary.putObject("continual").putArray("task_accuracy");
        rows.addArray().add(learnt).add("NaN");
        rows.addArray().add(0.1).add(learnt);
        return new RunRecord(r.runId(), r.dir(), r.preset(), r.model(), r.dataset(), r.variant(), r.sleepFraction(),
                r.seed(), summary, r.metrics());
    }

    @Test
    void aNetworkThatLearnedAndSleepThatDidNotHarmGetNoSuchCaveat() {
        List<RunRecord> runs = new ArrayList<>();
        for (RunRecord r : study(0.60)) {
            if (!r.preset().equals("paper-sg")) {
                runs.add(r);
            }
        }
        List<String> c = caveats(runs);
        assertEquals(0, c.stream().filter(s -> s.contains("learned nothing") || s.contains("harm") || s.contains("1/"))
                .count(), c.toString());
    }
}
