package io.somnus.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.config.CheckpointSpikes;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.StudyControl;
import io.somnus.experiment.io.FileFormatException;
import io.somnus.experiment.io.SummaryJson;
import io.somnus.experiment.stats.RunRecord;
import io.somnus.experiment.sweep.RunCounts;
import io.somnus.experiment.sweep.SweepResults;
import io.somnus.experiment.verdict.ClaimVerdict;
import io.somnus.experiment.verdict.ConditionVerdict;
import io.somnus.experiment.verdict.Criterion;
import io.somnus.experiment.verdict.EffectTest;
import io.somnus.experiment.verdict.Estimate;
import io.somnus.experiment.verdict.Outcome;
import io.somnus.experiment.verdict.PresetVerdict;
import io.somnus.experiment.verdict.Quantity;
import io.somnus.experiment.verdict.StudyVerdict;
import io.somnus.experiment.verdict.VerdictInputs;
import io.somnus.experiment.verdict.VerdictRule;
import io.somnus.experiment.verdict.VerdictTable;
import io.somnus.metrics.ContinualForgetting;
import java.io.IOException;
import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the verdict's outcomes rest on, read from the study's own runs: the conditions under which an outcome says less
 * than its words. Each is a sentence naming the preset, the dataset and the numbers; none changes an outcome, which
 * the pre-registered rule decides (docs/verdict.md). They are:
 * <ul>
 *   <li>a trained STDP network that without sleep tests no better than its untrained control: within the accuracy
 *       margin it learned nothing at this size; below it, learning without sleep harmed it, and a slept network
 *       better than it has not thereby learned anything;</li>
 *   <li>weights that grew before the first checkpoint, which criterion 1a (from the first checkpoint to the last)
 *       does not count;</li>
 *   <li>projections that count as fully saturated without sleep (their weights barely moved from one start value)
 *       and how much of criterion 1b's Δ they make up;</li>
 *   <li>an f* whose runs slept less than a tenth of the fraction named, or not at all;</li>
 *   <li>a "no benefit" (test {@link EffectTest#NOT_BETTER}) that holds because sleep did harm;</li>
 *   <li>a forgetting criterion (1d, 3c) decided on slept networks that learnt less: their learning accuracy (on each
 *       task just after training it) lower than without sleep by more than the accuracy margin, so that they had less
 *       to forget;</li>
 *   <li>the drawdown of networks that never change (the untrained controls): the measurement's own floor;</li>
 *   <li>how often one of a claim's tests reads "does not hold" by chance alone;</li>
 *   <li>the paper's two readings (SPEC §9: {@code paper} and {@code paper-sg} as described, {@code paper-code} and
 *       {@code paper-sg-code} as the authors' code ran) where both were run and their outcomes differ.</li>
 * </ul>
 */
public final class VerdictCaveats {
    private static final String TEST_ACCURACY = Quantity.TEST_ACCURACY.source();
    private static final String DRAWDOWN = Quantity.DRAWDOWN.source();
    /** Each "does not hold" is a one-sided decision at this level (the 95 % interval's end beyond the margin). */
    private static final double ONE_SIDED_LEVEL = 0.025;

    private VerdictCaveats() {}

    /**
     * The verdict with its caveats, for a terminal: {@link VerdictTable#format}, then each caveat on a line of its own
     * (as the report has them under its verdict).
     */
    public static String console(SweepResults results) {
        StringBuilder b = new StringBuilder(VerdictTable.format(results.verdict()));
        String unfinished = unfinished(results.counts());
        if (unfinished != null) {
            b.append(unfinished).append('\n');
        }
        List<String> caveats = of(results.verdict(), results.runs());
        if (!caveats.isEmpty()) {
            b.append("What these outcomes rest on (the rule decides them; these say where they mean less than their words):\n");
            caveats.forEach(c -> b.append("- ").append(c).append('\n'));
        }
        return b.toString();
    }

    /** That a verdict is of the finished runs only, when the sweep planned more; null when every run is done. */
    static String unfinished(RunCounts counts) {
        if (!counts.recorded() || counts.done() >= counts.planned()) {
            return null;
        }
        return "Of the finished runs only: " + counts.done() + " of " + counts.planned() + " planned runs are done ("
                + counts.failed() + " failed, " + counts.notFinished() + " not finished), so an outcome may change when "
                + "the rest are.";
    }

    /** The caveats of {@code verdict}, read from the runs it was decided on, one sentence or two each. */
    public static List<String> of(StudyVerdict verdict, List<RunRecord> runs) {
        List<String> out = new ArrayList<>();
        untrainedAtLeastAsGood(runs, out);
        for (ClaimVerdict c : verdict.claims()) {
            for (PresetVerdict p : c.presets()) {
                for (ConditionVerdict d : p.conditions()) {
                    growthBeforeFirstCheckpoint(p, d, runs, out);
                    saturatedWithoutLearning(p, d, runs, out);
                    doseNotReached(p, d, runs, out);
                    harmReadAsNoBenefit(p, d, out);
                    forgettingOfLessLearnt(p, d, runs, out);
                }
            }
        }
        drawdownFloor(verdict, runs, out);
        chance(verdict, out);
        readingsDiffer(verdict, out);
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /** Each reading as described, and the one as the authors' code ran it (docs/fidelity.md). */
    private static final Map<String, String> AS_RUN = Map.of("paper", "paper-code", "paper-sg", "paper-sg-code");

    /**
     * Where a claim was decided for both readings of the paper and they differ: which says what. Holding against not
     * holding is a contradiction; against inconclusive, the two say different amounts.
     */
    private static void readingsDiffer(StudyVerdict verdict, List<String> out) {
        for (ClaimVerdict c : verdict.claims()) {
            Map<String, Outcome> outcomes = new LinkedHashMap<>();
            c.presets().forEach(p -> outcomes.put(p.preset(), p.outcome()));
            AS_RUN.forEach((described, asRun) -> {
                Outcome a = outcomes.get(described);
                Outcome b = outcomes.get(asRun);
                if (a == null || b == null || a == Outcome.NOT_RUN || b == Outcome.NOT_RUN || a == b) {
                    return;
                }
                boolean contradict = a != Outcome.INCONCLUSIVE && b != Outcome.INCONCLUSIVE;
                out.add("The paper's two readings " + (contradict ? "disagree" : "differ") + " on claim " + c.number()
                        + ": it " + asVerb(a) + " for " + described + " (the model the paper describes) and "
                        + asVerb(b) + " for " + asRun + " (the model the authors' code ran); docs/fidelity.md lists "
                        + "where the two models differ.");
            });
        }
    }

    /** The trained runs without sleep and the untrained controls, by preset, dataset and grid point. */
    private static void untrainedAtLeastAsGood(List<RunRecord> runs, List<String> out) {
        Map<List<String>, DoubleSummaryStatistics> trained = new LinkedHashMap<>();
        Map<List<String>, DoubleSummaryStatistics> untrained = new LinkedHashMap<>();
        for (RunRecord r : runs) {
            double acc = r.metric(TEST_ACCURACY);
            if (!"stdp".equals(r.model()) || r.sleepFraction() != 0 || Double.isNaN(acc)) {
                continue;
            }
            String control = StudyControl.labelIn(r.variant());
            List<String> key = List.of(r.preset(), r.dataset(), StudyControl.gridPartOf(r.variant()));
            if (control.isEmpty()) {
                trained.computeIfAbsent(key, k -> new DoubleSummaryStatistics()).accept(acc);
            } else if (control.equals(StudyControl.UNTRAINED.label())) {
                untrained.computeIfAbsent(key, k -> new DoubleSummaryStatistics()).accept(acc);
            }
        }
        trained.forEach((key, t) -> {
            DoubleSummaryStatistics u = untrained.get(key);
            if (u != null && t.getAverage() <= u.getAverage()) {
                double below = u.getAverage() - t.getAverage();
                String tests = key.get(0) + " on " + where(key.get(1), key.get(2)) + ": trained without sleep it tests at "
                        + Html.num(t.getAverage(), 3) + ", its untrained control at " + Html.num(u.getAverage(), 3)
                        + " (means over " + t.getCount() + " and " + u.getCount() + " seeds). ";
                // below by more than the accuracy margin: plasticity without sleep did harm, which sleep may undo
                // without the slept network having learned anything
                out.add(tests + (below > VerdictRule.MARGIN_ACCURACY
                        ? "Without sleep its plasticity left it worse than untrained, by " + Html.num(below, 3) + ": claims "
                                + "1 and 2 judge sleep against a network that learning alone harmed, and a slept network "
                                + "better than it has not thereby learned anything (2c and 2d compare it with the controls)."
                        : "It learned nothing at this size, so claims 1 and 2 judge sleep on a network with nothing "
                                + "learned to keep or lose."));
            }
        });
    }

    /**
     * Criterion 1a, not holding, where the runs without sleep had already grown at their first checkpoint: 1a is
     * ln(W_last/W_first) between checkpoints, so growth before the first is not counted. W before training is the
     * untrained control's (its weights never change; the same seed builds the same network); the caveat compares the
     * mean ln W over seeds, where the study has such controls.
     */
    private static void growthBeforeFirstCheckpoint(PresetVerdict p, ConditionVerdict d, List<RunRecord> runs,
            List<String> out) {
        Criterion growth = d.criteria().stream().filter(k -> k.quantity() == Quantity.WEIGHT_GROWTH
                && k.estimate().present() && k.outcome() != Outcome.HOLDS).findFirst().orElse(null);
        if (growth == null) {
            return;
        }
        DoubleSummaryStatistics trained = new DoubleSummaryStatistics();
        DoubleSummaryStatistics untrained = new DoubleSummaryStatistics();
        for (RunRecord r : runs) {
            if (!r.preset().equals(p.preset()) || !r.dataset().equals(d.dataset()) || r.sleepFraction() != 0
                    || !StudyControl.gridPartOf(r.variant()).equals(d.variant())) {
                continue;
            }
            String control = StudyControl.labelIn(r.variant());
            double[] w = control.isEmpty() || control.equals(StudyControl.UNTRAINED.label())
                    ? VerdictInputs.weightTotals(r) : new double[0];
            if (w.length > 0 && w[0] > 0) {
                (control.isEmpty() ? trained : untrained).accept(Math.log(w[0]));
            }
        }
        double before = trained.getAverage() - untrained.getAverage();
        if (trained.getCount() > 0 && untrained.getCount() > 0 && before > growth.margin()) {
            out.add(p.preset() + " on " + where(d.dataset(), d.variant()) + ": without sleep the weights' total |w| at "
                    + "the first checkpoint (1a's W, every projection's) is already " + Html.num(Math.exp(before), 1)
                    + " times the untrained control's, the network's before training: ln " + Html.num(before, 3)
                    + ", against 1a's margin " + VerdictSection.margin(growth.margin()) + ". 1a measures the growth from the "
                    + "first checkpoint to the last, Δ " + VerdictSection.estimate(growth.estimate()) + ", so the "
                    + "growth before the first is not counted, and 1a's outcome does not say that the weights did not "
                    + "grow.");
        }
    }

    /**
     * Criterion 1b where projections count as fully saturated without sleep (every weight within 5 % of the largest in
     * every run: they barely moved from one start value) and sleep lowers that: how much of 1b's Δ those make up. 1b's
     * quantity is the unweighted mean over projections, so a projection's share is its own Δ over the projections'
     * count.
     */
    private static void saturatedWithoutLearning(PresetVerdict p, ConditionVerdict d, List<RunRecord> runs,
            List<String> out) {
        Criterion saturation = d.criteria().stream().filter(k -> k.quantity() == Quantity.SATURATED_FRACTION
                && k.estimate().present()).findFirst().orElse(null);
        if (saturation == null || !(d.dose() > 0)) {
            return;
        }
        Map<String, DoubleSummaryStatistics> without = saturatedByProjection(runs, p.preset(), d, 0);
        Map<String, DoubleSummaryStatistics> with = saturatedByProjection(runs, p.preset(), d, d.dose());
        List<String> full = new ArrayList<>();
        double share = 0;
        double others = 0;
        for (Map.Entry<String, DoubleSummaryStatistics> e : without.entrySet()) {
            DoubleSummaryStatistics w = e.getValue();
            DoubleSummaryStatistics s = with.get(e.getKey());
            if (s == null) {
                continue;
            }
            double change = (s.getAverage() - w.getAverage()) / without.size();
            if (w.getMin() >= 0.99 && change < 0) { // every run at 0.99 or more
                full.add(e.getKey());
                share += change;
            } else {
                others += change;
            }
        }
        if (!full.isEmpty()) {
            out.add(p.preset() + " on " + where(d.dataset(), d.variant()) + ": without sleep " + String.join(", ", full)
                    + (full.size() == 1 ? " counts" : " count") + " as fully saturated in every run (the saturated "
                    + "fraction counts weights within 5 % of the largest, so weights that barely moved from one start value "
                    + "all count), and sleep moves them: of 1b's Δ " + VerdictSection.signed(saturation.estimate().value())
                    + " they make up " + VerdictSection.signed(share) + " (the other projections " + VerdictSection.signed(others)
                    + "), not weights kept from a bound by sleep.");
        }
    }

    /** Per projection, its saturated fraction over the trained runs of {@code preset} in the condition at {@code f}. */
    private static Map<String, DoubleSummaryStatistics> saturatedByProjection(List<RunRecord> runs, String preset,
            ConditionVerdict d, double f) {
        Map<String, DoubleSummaryStatistics> out = new TreeMap<>();
        for (RunRecord r : runs) {
            if (!r.preset().equals(preset) || !r.dataset().equals(d.dataset()) || !r.variant().equals(d.variant())
                    || r.sleepFraction() != f) {
                continue;
            }
            r.metrics().forEach((k, v) -> {
                if (k.startsWith("weights.") && k.endsWith(".frac_saturated") && Double.isFinite(v)) {
                    String projection = k.substring("weights.".length(), k.length() - ".frac_saturated".length());
                    out.computeIfAbsent(projection, x -> new DoubleSummaryStatistics()).accept(v);
                }
            });
        }
        return out;
    }

    private static void doseNotReached(PresetVerdict p, ConditionVerdict d, List<RunRecord> runs, List<String> out) {
        if (!(d.dose() > 0)) {
            return;
        }
        SleepDose dose = SleepDose.of(runs.stream().filter(r -> r.preset().equals(p.preset())
                && r.dataset().equals(d.dataset()) && r.variant().equals(d.variant()) && r.sleepFraction() == d.dose())
                .toList());
        String at = p.preset() + " on " + where(d.dataset(), d.variant()) + ": at f* = " + Formats.fraction(d.dose());
        if (dose.runs() > 0 && dose.neverSlept() == dose.runs()) {
            out.add(at + " no run slept (" + dose.runs() + " of " + dose.runs() + " had no episode), so its claims "
                    + "compare no sleep with no sleep: they are not tested at any dose.");
        } else if (dose.runs() > 0 && dose.achieved() < d.dose() / 10) {
            out.add(at + " its runs spent " + Formats.achieved(dose.achieved()) + " of their steps asleep"
                    + String.format(Locale.ROOT, ", about 1/%.0f of the fraction named", d.dose() / dose.achieved())
                    + (dose.neverSlept() > 0 ? " (" + dose.neverSlept() + " of " + dose.runs() + " never slept)" : "")
                    + ": its claims are tested at that share of time asleep, however the preset's schedule reads f "
                    + "(docs/model-notes.md).");
        }
    }

    private static void harmReadAsNoBenefit(PresetVerdict p, ConditionVerdict d, List<String> out) {
        for (Criterion k : d.criteria()) {
            if (k.test() != EffectTest.NOT_BETTER || k.outcome() != Outcome.HOLDS || !k.estimate().hasInterval()) {
                continue;
            }
            double worstBetter = k.higherIsBetter() ? k.estimate().high() : -k.estimate().low();
            if (worstBetter < -k.margin()) {
                out.add(p.preset() + " on " + where(d.dataset(), d.variant()) + ": " + k.id() + " (" + k.description()
                        + ") holds because sleep did harm: Δ " + VerdictSection.estimate(k.estimate()) + ", wholly beyond "
                        + "the margin on the worse side. \"No benefit\" here is a loss.");
            }
        }
    }

    /**
     * A forgetting criterion decided where sleep lowered the learning accuracy ({@link
     * ContinualForgetting#learningAccuracy}, from summary.json's {@code continual.task_accuracy}; f* − f = 0 as the rule
     * estimates a difference) by more than the accuracy margin, its whole interval below −δ: average forgetting counts
     * what was learnt and then lost, so a network that learnt less has less to forget, and a lower forgetting there is
     * not more kept (sg-fc and paper-sg in docs/sg.md, "The continual protocol": sleep stopped them learning new tasks).
     * The learning accuracy, not the average accuracy after the last task: two networks that end alike at chance may
     * have learnt, and so forgotten, different amounts on the way.
     */
    private static void forgettingOfLessLearnt(PresetVerdict p, ConditionVerdict d, List<RunRecord> runs,
            List<String> out) {
        Criterion forgetting = d.criteria().stream().filter(k -> k.quantity() == Quantity.AVERAGE_FORGETTING
                && k.outcome() != Outcome.NOT_RUN).findFirst().orElse(null);
        if (forgetting == null || !(d.dose() > 0)) {
            return;
        }
        Estimate accuracy = Estimate.difference(learningAccuracy(runs, p.preset(), d, d.dose()),
                learningAccuracy(runs, p.preset(), d, 0));
        if (accuracy.hasInterval() && accuracy.high() < -VerdictRule.MARGIN_ACCURACY) {
            out.add(p.preset() + " on " + where(d.dataset(), d.variant()) + ": " + forgetting.id() + " ("
                    + forgetting.description() + ") " + forgetting.outcome().words() + " on slept networks that learnt "
                    + "less: at f* = " + Formats.fraction(d.dose()) + " their accuracy on each task just after training it "
                    + "(the learning accuracy, the mean of continual.task_accuracy's diagonal) is lower than without "
                    + "sleep, Δ " + VerdictSection.estimate(accuracy) + ", wholly beyond the "
                    + "margin δ = " + VerdictSection.margin(VerdictRule.MARGIN_ACCURACY) + " on the worse side. Average forgetting "
                    + "counts what was learnt and then lost, so a network that learns less has less to forget: its "
                    + "forgetting Δ " + VerdictSection.estimate(forgetting.estimate()) + " is not more kept.");
        }
    }

    /** Per seed, the learning accuracy of the trained runs of {@code preset} in the condition at {@code f}. */
    private static Map<Long, Double> learningAccuracy(List<RunRecord> runs, String preset, ConditionVerdict d, double f) {
        Map<Long, Double> out = new TreeMap<>();
        for (RunRecord r : runs) {
            if (r.preset().equals(preset) && r.dataset().equals(d.dataset()) && r.sleepFraction() == f
                    && StudyControl.labelIn(r.variant()).isEmpty()
                    && StudyControl.gridPartOf(r.variant()).equals(d.variant())) {
                out.put(r.seed(), learningAccuracy(r));
            }
        }
        return out;
    }

    /** {@link ContinualForgetting#learningAccuracy} of a run's summary.json; NaN without a task accuracy matrix. */
    private static double learningAccuracy(RunRecord r) {
        JsonNode rows = r.summary().path("continual").path("task_accuracy");
        if (!rows.isArray() || rows.isEmpty()) {
            return Double.NaN;
        }
        double[][] acc = new double[rows.size()][];
        for (int i = 0; i < acc.length; i++) {
            JsonNode row = rows.get(i);
            acc[i] = new double[row.size()];
            for (int j = 0; j < acc[i].length; j++) {
                acc[i][j] = SummaryJson.number(row.get(j));
            }
        }
        try {
            return ContinualForgetting.learningAccuracy(acc);
        } catch (IllegalArgumentException e) {
            return Double.NaN; // a matrix without its diagonal: nothing to say
        }
    }

    private static void drawdownFloor(StudyVerdict verdict, List<RunRecord> runs, List<String> out) {
        DoubleSummaryStatistics drawdowns = new DoubleSummaryStatistics();
        for (RunRecord r : runs) {
            double d = r.metric(DRAWDOWN);
            // every control is untrained; one that saw the same spikes at every checkpoint has no such floor
            if (!StudyControl.labelIn(r.variant()).isEmpty() && Double.isFinite(d) && !sameCheckpointSpikes(r)) {
                drawdowns.accept(d);
            }
        }
        long n = drawdowns.getCount();
        double lo = drawdowns.getMin();
        double hi = drawdowns.getMax();
        double margin = Double.NaN;
        for (ClaimVerdict c : verdict.claims()) {
            for (PresetVerdict p : c.presets()) {
                for (ConditionVerdict d : p.conditions()) {
                    for (Criterion k : d.criteria()) {
                        if (k.quantity() == Quantity.DRAWDOWN) {
                            margin = k.margin();
                        }
                    }
                }
            }
        }
        if (n > 0 && hi > 0 && !Double.isNaN(margin)) {
            out.add("The untrained controls, whose weights never change, show drawdowns of " + Html.num(lo, 3)
                    + (hi > lo ? "–" + Html.num(hi, 3) : "") + " (" + n + (n == 1 ? " run" : " runs") + "): each "
                    + "checkpoint encodes its validation images anew, so this is "
                    + "the drawdown's floor of measurement noise, against a margin δ = " + VerdictSection.margin(margin) + " for the "
                    + "drawdown criteria (train.checkpoint_spikes: same encodes them alike at every checkpoint).");
        }
    }

    /** Whether the run encoded every checkpoint's images into the same spikes (its configuration, where it has one). */
    private static boolean sameCheckpointSpikes(RunRecord r) {
        try {
            return r.config().map(c -> Choices.of(CheckpointSpikes.SAME).equalsIgnoreCase(
                    c.path("train").path("checkpoint_spikes").asText())).orElse(false);
        } catch (IOException | FileFormatException e) {
            return false;
        }
    }

    /** Per claim, the most tests one preset ran, and the chance that one of them reads "does not hold" by chance alone. */
    private static void chance(StudyVerdict verdict, List<String> out) {
        List<String> parts = new ArrayList<>();
        for (ClaimVerdict c : verdict.claims()) {
            int most = 0;
            for (PresetVerdict p : c.presets()) {
                int tests = 0;
                for (ConditionVerdict d : p.conditions()) {
                    for (Criterion k : d.criteria()) {
                        tests += k.estimate().hasInterval() ? 1 : 0;
                    }
                }
                most = Math.max(most, tests);
            }
            if (most > 1) {
                parts.add(String.format(Locale.ROOT, "claim %d, up to %d tests per preset: at most %.0f %% (%.0f %% if "
                        + "they were independent)", c.number(), most, Math.min(100, 100 * most * ONE_SIDED_LEVEL),
                        100 * (1 - Math.pow(1 - ONE_SIDED_LEVEL, most))));
            }
        }
        if (!parts.isEmpty()) {
            out.add("Each \"does not hold\" is a one-sided decision that errs at most " + Html.sig(100 * ONE_SIDED_LEVEL)
                    + " % of the time where the effect sits at the edge its test sets (the margin δ for a \"better\" "
                    + "test; no effect for a \"not better\" or \"not worse\" one), more often for those two where the "
                    + "effect lies between no effect and δ, which their claim allows (up to half the time near δ), and a "
                    + "claim does not hold when any of "
                    + "its tests does not, without a correction for their number. Where every effect sits at that edge, "
                    + "the chance that one test reads \"does not hold\" is, for " + String.join("; for ", parts) + ".");
        }
    }

    /** "holds", "does not hold", "is inconclusive": an outcome after "it". */
    private static String asVerb(Outcome o) {
        return o == Outcome.INCONCLUSIVE ? "is " + o.words() : o.words();
    }

    private static String where(String dataset, String variant) {
        return dataset + (variant.isEmpty() ? "" : " (" + variant + ")");
    }
}
