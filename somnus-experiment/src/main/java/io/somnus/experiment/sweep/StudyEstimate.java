package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The projected wall time of a study, from measured per-phase costs.
 * <p>
 * Each run is split into three phases, each with its own unit of work, counted from the run's resolved configuration
 * ({@link RunWork}):
 * <ul>
 *   <li><b>train</b>: presentation-steps trained (STDP-SNN: presentations × steps per image; SG-SNN: images × epochs
 *       × T × hidden units);</li>
 *   <li><b>sleep</b>: sleep steps (STDP-SNN) or sleep steps × copies × hidden units (SG-SNN), the expected number for the
 *       run's sleep fraction and schedule;</li>
 *   <li><b>evaluation</b>: presentation-steps run frozen (STDP-SNN: checkpoints × (readout + validation images) +
 *       readout + test images, × presentations per image × steps per image; SG-SNN: (epochs × validation + 2 × test
 *       images) × T × hidden units).</li>
 * </ul>
 * A planned STDP run presents each image once, or, where its preset re-presents (Diehl &amp; Cook), the presentations
 * per image of {@link PresentationRates#expected}: one figure where finished runs at least as long measured it, else a
 * range from the calibration runs' rate to {@code max_presentations}; {@link #project} projects both ends.
 * A preset's cost per unit of each phase is the median, over calibration runs, of that phase's seconds in timing.json
 * divided by the run's units ({@link MeasuredCosts#calibrate}), priced as CPU time where the calibration measured
 * each run's CPU share ({@link RunCpuShares}); runs are grouped by a key, the preset ({@link #BY_PRESET}) or the
 * preset with the named variant and grid values it was calibrated at ({@link StudyCalibration#costKey}). A planned
 * run's CPU time is the sum over phases of units × cost; the runs are then put on {@code cores} workers longest first, each to the least
 * loaded one (how a pool of workers takes them, in the best order), and the wall time is the most loaded worker's.
 * Left out: JVM start, loading data, the JIT's warm-up, the statistics and the report after the runs, and STDP sleep
 * episodes that end early (the expected sleep steps are an upper bound there). Readout fits are counted as evaluation
 * presentation-steps, which they are not exactly. {@link EstimateTable} writes the projection as a table.
 */
public final class StudyEstimate {
    /**
     * Seconds per unit of work, per phase; NaN where no calibration run measured the phase. {@code presentations}: what
     * the runs of a re-presenting preset measured (empty for the others).
     *
     * @param train         seconds per training unit (NaN: not measured)
     * @param sleep         seconds per sleep unit (NaN: not measured, e.g. no calibration run slept)
     * @param evaluation    seconds per evaluation unit (NaN: not measured)
     * @param runs          the calibration runs the medians are over
     * @param presentations the presentations per image the runs of a re-presenting preset measured
     */
    public record UnitCosts(double train, double sleep, double evaluation, int runs,
                            List<PresentationRates.Measured> presentations) {
        /** Costs of a preset that presents each image once: no presentations measured. */
        public UnitCosts(double train, double sleep, double evaluation, int runs) {
            this(train, sleep, evaluation, runs, List.of());
        }

        double seconds(RunWork w) {
            return w.train() * orZero(train) + w.sleep() * orZero(sleep) + w.evaluation() * orZero(evaluation);
        }
    }

    /**
     * One cost key's share of the study (a preset, or a preset at a grid point): its runs and their CPU seconds.
     *
     * @param key               the cost key
     * @param runs              its planned runs
     * @param trainSeconds      their projected CPU seconds of training
     * @param sleepSeconds      their projected CPU seconds of sleep (0 where the phase is unmeasured)
     * @param evaluationSeconds their projected CPU seconds of evaluation
     */
    public record Row(String key, int runs, double trainSeconds, double sleepSeconds, double evaluationSeconds) {
        /** The key's projected CPU seconds, all phases together. */
        public double cpuSeconds() {
            return trainSeconds + sleepSeconds + evaluationSeconds;
        }
    }

    /**
     * The projection: a row per cost key, the CPU total and the wall time on {@code cores} workers, and the phases
     * with work to do that no calibration run measured (e.g. {@code paper: sleep}), counted as 0 s.
     *
     * @param rows        a row per cost key
     * @param cores       the workers the runs were put on
     * @param wallSeconds the projected wall time (s): the most loaded worker's CPU seconds
     * @param costs       the unit costs used, by cost key
     * @param unmeasured  the phases with work that no calibration run measured ({@code key: phase}); empty when none
     */
    public record Estimate(List<Row> rows, int cores, double wallSeconds, Map<String, UnitCosts> costs,
                           List<String> unmeasured) {
        /** The study's projected CPU seconds, over every key (0 without rows). */
        public double cpuSeconds() {
            return rows.stream().mapToDouble(Row::cpuSeconds).sum();
        }
    }

    /**
     * The estimate at both ends of the presentations per image ({@code low}: the rate measured; {@code high}: where no
     * finished run trained as many images as a planned one, {@code max_presentations}), and the rates of the
     * re-presenting planned runs, one per cost key and image count. Without such runs both ends are the same.
     *
     * @param low           the estimate at the measured presentations per image
     * @param high          the estimate at the most presentations per image a planned run may need
     * @param presentations the expected rates of the re-presenting planned runs (empty without them)
     */
    public record Projection(Estimate low, Estimate high, List<PresentationRates.Expected> presentations) {
        /** Whether the two ends differ: some re-presenting run's rate is a range, not one measured figure. */
        public boolean isRange() {
            return presentations.stream().anyMatch(PresentationRates.Expected::isRange);
        }
    }

    /** Costs per preset: a run's key is its preset. */
    public static final Function<JsonNode, String> BY_PRESET = c -> c.path("preset").asText();

    private StudyEstimate() {
    }

    private static double orZero(double x) {
        return Double.isNaN(x) ? 0 : x;
    }

    /**
     * Projects the planned runs with the given costs, looked up by each run's {@code key}, on {@code cores} workers, at
     * both ends of the presentations per image of the re-presenting ones ({@link PresentationRates#expected} from the
     * costs' runs of the same key).
     *
     * @throws IllegalArgumentException naming a key of the plan that no calibration run measured
     */
    public static Projection project(List<JsonNode> configs, Function<JsonNode, String> key,
            Map<String, UnitCosts> costs, int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, got " + cores);
        }
        List<PresentationRates.Expected> perRun = new ArrayList<>();
        for (JsonNode c : configs) {
            String k = key.apply(c);
            perRun.add(PresentationRates.expected(k, c, costsOf(costs, k).presentations()));
        }
        Estimate low = estimate(configs, key, costs, cores, i -> perRun.get(i) == null
                ? PresentationRates.PerImage.ONCE : perRun.get(i).low());
        Estimate high = estimate(configs, key, costs, cores, i -> perRun.get(i) == null
                ? PresentationRates.PerImage.ONCE : perRun.get(i).high());
        List<PresentationRates.Expected> distinct = perRun.stream().filter(Objects::nonNull).distinct().toList();
        return new Projection(low, high, distinct);
    }

    /**
     * The low end of {@link #project}: re-presenting runs at the rate measured.
     *
     * @throws IllegalArgumentException naming a key of the plan that no calibration run measured
     */
    public static Estimate estimate(List<JsonNode> configs, Function<JsonNode, String> key, Map<String, UnitCosts> costs,
            int cores) {
        return project(configs, key, costs, cores).low();
    }

    private static UnitCosts costsOf(Map<String, UnitCosts> costs, String key) {
        UnitCosts u = costs.get(key);
        if (u == null) {
            throw new IllegalArgumentException("no calibration run of '" + key + "': its costs are unknown");
        }
        return u;
    }

    /** The planned runs on {@code cores} workers, the i-th at {@code perImage.apply(i)} presentations per image. */
    private static Estimate estimate(List<JsonNode> configs, Function<JsonNode, String> key, Map<String, UnitCosts> costs,
            int cores, IntFunction<PresentationRates.PerImage> perImage) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, got " + cores);
        }
        Map<String, double[]> byKey = new LinkedHashMap<>();
        Set<String> unmeasured = new LinkedHashSet<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        double[] runSeconds = new double[configs.size()];
        for (int i = 0; i < configs.size(); i++) {
            JsonNode c = configs.get(i);
            String k = key.apply(c);
            UnitCosts u = costsOf(costs, k);
            RunWork w = RunWork.of(c, perImage.apply(i));
            String uncounted = RunWork.uncountedField(c);
            if (uncounted != null) {
                throw new IllegalArgumentException("a run of '" + k + "' has no " + uncounted
                        + " in its configuration: its work cannot be counted");
            }
            double[] sum = byKey.computeIfAbsent(k, x -> new double[3]);
            for (String phase : unmeasured(u, w)) {
                unmeasured.add(k + ": " + phase);
            }
            sum[0] += w.train() * orZero(u.train());
            sum[1] += w.sleep() * orZero(u.sleep());
            sum[2] += w.evaluation() * orZero(u.evaluation());
            counts.merge(k, 1, Integer::sum);
            runSeconds[i] = u.seconds(w);
        }
        List<Row> rows = new ArrayList<>();
        byKey.forEach((p, s) -> rows.add(new Row(p, counts.get(p), s[0], s[1], s[2])));
        return new Estimate(rows, cores, longestFirst(runSeconds, cores), costs, List.copyOf(unmeasured));
    }

    /** The phases a run has work in whose cost no calibration run measured (e.g. runs that never slept). */
    private static List<String> unmeasured(UnitCosts u, RunWork w) {
        List<String> out = new ArrayList<>();
        if (w.train() > 0 && Double.isNaN(u.train())) {
            out.add("train");
        }
        if (w.sleep() > 0 && Double.isNaN(u.sleep())) {
            out.add("sleep");
        }
        if (w.evaluation() > 0 && Double.isNaN(u.evaluation())) {
            out.add("evaluation");
        }
        return out;
    }

    /** The makespan of the runs on {@code cores} workers, longest first, each to the least loaded worker. */
    static double longestFirst(double[] runSeconds, int cores) {
        double[] sorted = runSeconds.clone();
        Arrays.sort(sorted);
        double[] longestFirst = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            longestFirst[i] = sorted[sorted.length - 1 - i];
        }
        return ListSchedule.makespan(new double[cores], longestFirst);
    }
}
