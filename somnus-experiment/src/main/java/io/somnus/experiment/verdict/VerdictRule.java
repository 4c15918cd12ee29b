package io.somnus.experiment.verdict;

import io.somnus.experiment.config.StudyControl;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rule of docs/verdict.md, applied to a study's runs: the dose f*, the criteria of each claim with their margins,
 * the tests, and the conjunctions over criteria and over datasets × grid variants. Its constants are the page's; a
 * change to one is a change to the rule and must be made there first.
 */
public final class VerdictRule {
    /** The paper's recommended range of sleep fractions; f* is the largest one the study ran. */
    public static final double DOSE_LOW = 0.1;
    /** The top of the paper's recommended range of sleep fractions. */
    public static final double DOSE_HIGH = 0.2;
    /** The margin δ on test accuracy (a fraction in [0, 1]: 2 percentage points), criteria 1c, 2c, 2d and 3a. */
    public static final double MARGIN_ACCURACY = 0.02;
    /** The margin on drawdown (the accuracy curve's largest fall below its running peak, a fraction): 2a, 3b. */
    public static final double MARGIN_DRAWDOWN = 0.02;
    /** The margin on the last quarter's validation-accuracy standard deviation (a fraction), criterion 2b. */
    public static final double MARGIN_LAST_QUARTER_STD = 0.01;
    /** The margin on the saturated fraction of weights (at or above 95 % of their bound), criterion 1b. */
    public static final double MARGIN_SATURATION = 0.02;
    /** The margin on the continual protocol's average forgetting (accuracy, a fraction), criteria 1d and 3c. */
    public static final double MARGIN_FORGETTING = 0.02;
    /** 10 % growth of Σ|w|, on the log scale the growth is measured on. */
    public static final double MARGIN_GROWTH = Math.log(1.1);

    /** The presets every verdict lists, by model; a study without one of them reports it as not run. */
    public static final List<String> STDP_PRESETS = List.of("paper", "paper-code");
    /** The SG-SNN presets every verdict lists (claim 3). */
    public static final List<String> SG_PRESETS = List.of("paper-sg", "paper-sg-code");

    /** The untrained control's label (plasticity off; its grid variant is {@code control=untrained}), criterion 2c. */
    public static final String UNTRAINED = StudyControl.UNTRAINED.label();
    /** The label of the untrained control with every weight at sleep's target magnitude, criterion 2d. */
    public static final String UNTRAINED_SLEEP_TARGET = StudyControl.UNTRAINED_SLEEP_TARGET.label();

    /** Which cells a criterion compares. */
    private enum Cells { NO_SLEEP_ALONE, DOSE_VS_NO_SLEEP, DOSE_VS_UNTRAINED, DOSE_VS_SLEEP_TARGET }

    private record Spec(String id, String description, Quantity quantity, Cells cells, EffectTest test,
                        boolean higherIsBetter, double margin, String figure) {}

    private record Claim(int number, String statement, String model, List<String> named, List<Spec> criteria) {}

    private static final List<Claim> CLAIMS = List.of(
            new Claim(1, "without sleep STDP weights grow and saturate; sleep prevents saturation while keeping "
                    + "what was learned", "stdp", STDP_PRESETS, List.of(
                    new Spec("1a", "weights grow without sleep", Quantity.WEIGHT_GROWTH, Cells.NO_SLEEP_ALONE,
                            EffectTest.BETTER, true, MARGIN_GROWTH, "weight-traces"),
                    new Spec("1b", "sleep lowers saturation", Quantity.SATURATED_FRACTION, Cells.DOSE_VS_NO_SLEEP,
                            EffectTest.BETTER, false, MARGIN_SATURATION, "vs-sleep"),
                    new Spec("1c", "sleep keeps learned structure", Quantity.TEST_ACCURACY, Cells.DOSE_VS_NO_SLEEP,
                            EffectTest.NOT_WORSE, true, MARGIN_ACCURACY, "vs-sleep"),
                    new Spec("1d", "sleep lowers forgetting (continual)", Quantity.AVERAGE_FORGETTING,
                            Cells.DOSE_VS_NO_SLEEP, EffectTest.BETTER, false, MARGIN_FORGETTING, "statistics"))),
            new Claim(2, "10-20 % sleep improves the stability of STDP learning on every dataset", "stdp",
                    STDP_PRESETS, List.of(
                    new Spec("2a", "sleep lowers drawdown", Quantity.DRAWDOWN, Cells.DOSE_VS_NO_SLEEP,
                            EffectTest.BETTER, false, MARGIN_DRAWDOWN, "vs-sleep"),
                    new Spec("2b", "sleep lowers last-quarter variability", Quantity.LAST_QUARTER_STD,
                            Cells.DOSE_VS_NO_SLEEP, EffectTest.BETTER, false, MARGIN_LAST_QUARTER_STD, "vs-sleep"),
                    new Spec("2c", "sleep beats the untrained control", Quantity.TEST_ACCURACY, Cells.DOSE_VS_UNTRAINED,
                            EffectTest.BETTER, true, MARGIN_ACCURACY, "vs-sleep"),
                    new Spec("2d", "sleep beats the control at the sleep target", Quantity.TEST_ACCURACY,
                            Cells.DOSE_VS_SLEEP_TARGET, EffectTest.BETTER, true, MARGIN_ACCURACY, "vs-sleep"))),
            new Claim(3, "the same sleep gives the SG-SNN no measurable benefit", "sg", SG_PRESETS, List.of(
                    new Spec("3a", "no accuracy benefit", Quantity.TEST_ACCURACY, Cells.DOSE_VS_NO_SLEEP,
                            EffectTest.NOT_BETTER, true, MARGIN_ACCURACY, "vs-sleep"),
                    new Spec("3b", "no stability benefit", Quantity.DRAWDOWN, Cells.DOSE_VS_NO_SLEEP,
                            EffectTest.NOT_BETTER, false, MARGIN_DRAWDOWN, "vs-sleep"),
                    new Spec("3c", "no forgetting benefit (continual)", Quantity.AVERAGE_FORGETTING,
                            Cells.DOSE_VS_NO_SLEEP, EffectTest.NOT_BETTER, false, MARGIN_FORGETTING, "statistics"))));

    private VerdictRule() {}

    /** Every claim, for the named presets of its model and any other preset of that model in the study. */
    public static StudyVerdict decide(List<VerdictRun> runs) {
        return decide(runs, List.of());
    }

    /**
     * As {@link #decide(List)}, for a study that planned the sleep fractions {@code planned} (its sweep file's): where the
     * largest of them in [{@value #DOSE_LOW}, {@value #DOSE_HIGH}] has no runs in a condition (they failed, are
     * unfinished or were deleted), the condition's reason says so, since f* then falls to a smaller fraction or to none.
     */
    public static StudyVerdict decide(List<VerdictRun> runs, List<Double> planned) {
        double plannedDose = Double.NaN;
        for (double f : planned) {
            if (inDoseRange(f) && !(f <= plannedDose)) {
                plannedDose = f;
            }
        }
        List<ClaimVerdict> claims = new ArrayList<>();
        for (Claim claim : CLAIMS) {
            Set<String> presets = new LinkedHashSet<>(claim.named());
            for (VerdictRun r : runs) {
                if (claim.model().equals(r.model())) {
                    presets.add(r.preset());
                }
            }
            List<PresetVerdict> out = new ArrayList<>();
            for (String preset : presets) {
                out.add(preset(claim, preset, runs.stream().filter(r -> r.preset().equals(preset)).toList(), plannedDose));
            }
            claims.add(new ClaimVerdict(claim.number(), claim.statement(), claim.model(), out));
        }
        return new StudyVerdict(claims);
    }

    private static boolean inDoseRange(double f) {
        return f >= DOSE_LOW - 1e-9 && f <= DOSE_HIGH + 1e-9;
    }

    private static PresetVerdict preset(Claim claim, String preset, List<VerdictRun> runs, double plannedDose) {
        if (runs.isEmpty()) {
            return new PresetVerdict(preset, Outcome.NOT_RUN, "the study has no runs of this preset", List.of());
        }
        Map<List<String>, List<VerdictRun>> byCondition = new LinkedHashMap<>();
        for (VerdictRun r : runs) {
            byCondition.computeIfAbsent(List.of(r.dataset(), r.variant()), k -> new ArrayList<>()).add(r);
        }
        List<ConditionVerdict> conditions = new ArrayList<>();
        byCondition.forEach((k, v) -> conditions.add(condition(claim, k.get(0), k.get(1), v, plannedDose)));
        Outcome outcome = Outcome.all(conditions.stream().map(ConditionVerdict::outcome).toList());
        return new PresetVerdict(preset, outcome, reason(claim, conditions, outcome), conditions);
    }

    private static ConditionVerdict condition(Claim claim, String dataset, String variant, List<VerdictRun> runs,
                                              double plannedDose) {
        Map<Double, Map<Long, VerdictRun>> trained = new TreeMap<>();
        Map<String, Map<Long, VerdictRun>> controls = new LinkedHashMap<>();
        for (VerdictRun r : runs) {
            if (r.control().isEmpty()) {
                trained.computeIfAbsent(r.sleepFraction(), k -> new TreeMap<>()).put(r.seed(), r);
            } else {
                controls.computeIfAbsent(r.control(), k -> new TreeMap<>()).put(r.seed(), r);
            }
        }
        double dose = Double.NaN;
        for (double f : trained.keySet()) {
            if (inDoseRange(f)) {
                dose = f; // ascending: the last one in range is the largest
            }
        }
        Map<Long, VerdictRun> noSleep = trained.getOrDefault(0.0, Map.of());
        Map<Long, VerdictRun> atDose = Double.isNaN(dose) ? Map.of() : trained.get(dose);
        List<String> notes = new ArrayList<>();
        if (!Double.isNaN(plannedDose) && !(dose >= plannedDose - 1e-9)) {
            notes.add(String.format(Locale.ROOT, "f=%.2f was in the sweep, but none of its runs is here", plannedDose)
                    + (Double.isNaN(dose) ? "" : String.format(Locale.ROOT, "; f* is %.2f", dose)));
        }
        if (!atDose.isEmpty() && atDose.values().stream().allMatch(r -> r.get(Quantity.SLEEP_EPISODES) == 0)) {
            // no run at f* slept (an SG-SNN's episodes are drawn): its comparisons would set no sleep against no sleep
            notes.add(String.format(Locale.ROOT, "no run at f=%.2f slept (0 episodes in %d)", dose, atDose.size()));
            atDose = Map.of();
        }
        if (noSleep.isEmpty()) {
            notes.add("no f = 0 runs");
        }
        if (Double.isNaN(dose) && Double.isNaN(plannedDose)) {
            // only where no fraction is in range: an f* whose runs never slept, or are missing, was named above
            notes.add("no sleep fraction in [" + DOSE_LOW + ", " + DOSE_HIGH + "]");
        }
        String f = Double.isNaN(dose) ? "f*" : String.format(Locale.ROOT, "f=%.2f", dose);
        List<Criterion> criteria = new ArrayList<>();
        for (Spec s : claim.criteria()) {
            Estimate e;
            String comparison;
            switch (s.cells()) {
                case NO_SLEEP_ALONE -> {
                    e = Estimate.mean(values(noSleep, s.quantity()));
                    comparison = "f=0";
                }
                case DOSE_VS_NO_SLEEP -> {
                    e = Estimate.difference(values(atDose, s.quantity()), values(noSleep, s.quantity()));
                    comparison = f + " − f=0";
                }
                case DOSE_VS_UNTRAINED -> {
                    e = Estimate.difference(values(atDose, s.quantity()),
                            values(controls.getOrDefault(UNTRAINED, Map.of()), s.quantity()));
                    comparison = f + " − " + UNTRAINED;
                }
                default -> {
                    e = Estimate.difference(values(atDose, s.quantity()),
                            values(controls.getOrDefault(UNTRAINED_SLEEP_TARGET, Map.of()), s.quantity()));
                    comparison = f + " − " + UNTRAINED_SLEEP_TARGET;
                }
            }
            criteria.add(new Criterion(s.id(), s.description(), s.quantity(), comparison, s.test(), s.higherIsBetter(),
                    s.margin(), e, s.test().decide(e, s.higherIsBetter(), s.margin()), s.figure()));
        }
        if ("stdp".equals(claim.model()) && claim.number() == 2) {
            for (String control : List.of(UNTRAINED, UNTRAINED_SLEEP_TARGET)) {
                if (!controls.containsKey(control)) {
                    notes.add("no " + control + " control");
                }
            }
        }
        return new ConditionVerdict(dataset, variant, dose, Outcome.all(criteria.stream().map(Criterion::outcome).toList()),
                String.join("; ", notes), criteria);
    }

    private static Map<Long, Double> values(Map<Long, VerdictRun> runs, Quantity q) {
        Map<Long, Double> out = new TreeMap<>();
        runs.forEach((seed, r) -> out.put(seed, r.get(q)));
        return out;
    }

    /** Each criterion over the conditions ("1a holds · 1b inconclusive"), and for claim 2 its two halves. */
    private static String reason(Claim claim, List<ConditionVerdict> conditions, Outcome outcome) {
        Map<String, List<Outcome>> byId = new LinkedHashMap<>();
        for (ConditionVerdict c : conditions) {
            for (Criterion k : c.criteria()) {
                byId.computeIfAbsent(k.id(), x -> new ArrayList<>()).add(k.outcome());
            }
        }
        List<String> parts = new ArrayList<>();
        byId.forEach((id, outcomes) -> parts.add(id + " " + Outcome.all(outcomes).words()));
        String line = String.join(" · ", parts);
        if (claim.number() == 2) {
            Outcome stability = Outcome.all(List.of(all(byId, "2a"), all(byId, "2b")));
            Outcome learning = Outcome.all(List.of(all(byId, "2c"), all(byId, "2d")));
            line = "stability " + stability.words() + "; learning beyond the controls " + learning.words()
                    + (learning == Outcome.DOES_NOT_HOLD
                            ? " (on some dataset the slept network is not better by δ than a control that never learned)" : "")
                    + " — " + line;
        }
        if (outcome == Outcome.NOT_RUN) {
            Set<String> notes = new LinkedHashSet<>();
            conditions.forEach(c -> {
                if (!c.note().isEmpty()) {
                    notes.add(c.note());
                }
            });
            return notes.isEmpty() ? line : String.join("; ", notes);
        }
        return line;
    }

    private static Outcome all(Map<String, List<Outcome>> byId, String id) {
        return Outcome.all(byId.getOrDefault(id, List.of()));
    }
}
