package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The projected wall time of a study, from measured per-phase costs.
 * <p>
 * Each run is split into three phases, each with its own unit of work, counted from the run's resolved configuration:
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
 * divided by the run's units ({@link #calibrate}), priced as CPU time where the calibration measured each run's CPU
 * share ({@link RunCpuShares}); runs are grouped by a key, the preset ({@link #BY_PRESET}) or the
 * preset with the named variant and grid values it was calibrated at ({@link StudyCalibration#costKey}). A planned
 * run's CPU time is the sum over phases of units × cost; the runs are then put on {@code cores} workers longest first, each to the least
 * loaded one (how a pool of workers takes them, in the best order), and the wall time is the most loaded worker's.
 * Left out: JVM start, loading data, the JIT's warm-up, the statistics and the report after the runs, and STDP sleep
 * episodes that end early (the expected sleep steps are an upper bound there). Readout fits are counted as evaluation
 * presentation-steps, which they are not exactly.
 */
public final class StudyEstimate {
    /**
     * Units of work of one run, per phase (from {@link #phaseSeconds}: its seconds per phase). Each is NaN where the
     * configuration lacks a field that counts it ({@link #work(JsonNode)}).
     *
     * @param train      presentation-steps trained (the class's <b>train</b> unit)
     * @param sleep      sleep steps (the <b>sleep</b> unit); 0 without sleep
     * @param evaluation presentation-steps run frozen (the <b>evaluation</b> unit)
     */
    public record Work(double train, double sleep, double evaluation) { }

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

        double seconds(Work w) {
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
     * The expected units of work of a run with this resolved configuration, each image presented once; NaN in every
     * phase where the configuration lacks a field that counts them ({@link #uncountedField}), which {@link SweepEta}
     * counts as unknown work.
     */
    public static Work work(JsonNode config) {
        return work(config, PresentationRates.PerImage.ONCE);
    }

    /** The expected units of work of a run with this resolved configuration at {@code perImage} (STDP-SNN only). */
    public static Work work(JsonNode config, PresentationRates.PerImage perImage) {
        return work(config, perImage, 0);
    }

    /** {@link #work(JsonNode, PresentationRates.PerImage)} with the evaluations after the first {@code passed} only. */
    private static Work work(JsonNode config, PresentationRates.PerImage perImage, long passed) {
        return "sg".equals(config.path("model").asText()) ? sgWork(config, passed) : stdpWork(config, perImage, passed);
    }

    private static Work stdpWork(JsonNode c, PresentationRates.PerImage perImage, long checkpointsPassed) {
        double steps = c.path("simulation").path("steps_per_image").asDouble();
        // the wake clock counts every presentation's steps, so the sleep it schedules grows with them too
        double wakeSteps = PresentationRates.trainedImages(c) * steps * perImage.train();
        return new Work(wakeSteps, expectedStdpSleepSteps(c, wakeSteps),
                stdpEvaluatedImages(c.path("train"), checkpointsPassed) * steps * perImage.evaluation());
    }

    /**
     * Images an STDP-SNN run of this resolved configuration runs through its frozen network (timing.json's
     * {@code evaluation_images}): each checkpoint fits the readouts and scores validation, the end fits them and
     * scores test.
     */
    public static double stdpEvaluatedImages(JsonNode config) {
        return stdpEvaluatedImages(config.path("train"), 0);
    }

    /**
     * Images run frozen after the first {@code passed} checkpoints: each checkpoint left fits the readout and scores
     * validation, the end fits it and scores test.
     */
    private static double stdpEvaluatedImages(JsonNode train, long passed) {
        int images = train.path("images").asInt();
        int readout = train.path("readout_images").asInt(0);
        int atCheckpoint = readout == 0 ? Math.min(images, 1000) : Math.min(readout, images);
        int atEnd = readout == 0 ? images : Math.min(readout, images);
        double checkpointsLeft = Math.max(0, train.path("checkpoints").asDouble() - passed);
        return checkpointsLeft * (atCheckpoint + train.path("validation_images").asInt())
                + atEnd + train.path("test_images").asInt();
    }

    /**
     * The units of work (as {@link #work(JsonNode)}'s) left to a run that goes on from a resume snapshot taken with
     * {@code trained} (0 to 1) of its training done and its first {@code evaluationsPassed} evaluations behind it: an
     * STDP-SNN run's checkpoints, an SG-SNN run's epochs (each ends with its validation). Training and sleep are left
     * in proportion to the training left (sleep runs between training images or minibatches, as the wake steps
     * schedule it, and a snapshot is taken after the sleep that was due); evaluation is the checkpoints' or epochs'
     * not passed, plus the final readout and test, which no snapshot has behind it.
     */
    public static Work workLeft(JsonNode config, double trained, long evaluationsPassed) {
        Work rest = work(config, PresentationRates.PerImage.ONCE, Math.max(0, evaluationsPassed));
        double left = 1 - Math.min(1, Math.max(0, trained));
        return new Work(rest.train() * left, rest.sleep() * left, rest.evaluation());
    }

    /**
     * The epochs an SG-SNN run trains, numbered on across tasks: {@code sg.epochs}, else {@code train.epochs} (1 where
     * neither is set), times the continual protocol's tasks.
     */
    static int sgEpochs(JsonNode config) {
        return sgEpochsPerTask(config) * sgTasks(config);
    }

    /** {@code sg.epochs} (or {@code train.epochs}): the epochs of a run, of each task under the continual protocol. */
    private static int sgEpochsPerTask(JsonNode config) {
        JsonNode epochs = config.path("sg").path("epochs");
        return epochs.isNumber() ? epochs.asInt() : config.path("train").path("epochs").asInt(1);
    }

    /**
     * The tasks an SG-SNN run trains one after another: {@code continual.tasks} under the continual protocol (a
     * resolved configuration has the section), else 1.
     */
    private static int sgTasks(JsonNode config) {
        return "continual".equalsIgnoreCase(config.path("protocol").asText())
                ? Math.max(1, config.path("continual").path("tasks").asInt(1)) : 1;
    }

    /**
     * Images an SG-SNN run evaluates after its first {@code epochsPassed} epochs: the validation images after each
     * epoch left (every task's under the continual protocol), the test images of the tasks learnt so far after each
     * task left (taken as equal shares of the test images), then the test images once, twice where a validation
     * picks a best epoch to test as well.
     */
    private static double sgEvaluatedImages(JsonNode c, long epochsPassed) {
        int validation = c.path("train").path("validation_images").asInt();
        int test = c.path("train").path("test_images").asInt();
        int tasks = sgTasks(c);
        double taskRows = 0;
        if (tasks > 1) {
            for (long k = epochsPassed / Math.max(1, sgEpochsPerTask(c)) + 1; k <= tasks; k++) {
                taskRows += (double) k / tasks * test; // after task k: the test images of tasks 1..k
            }
        }
        return (double) Math.max(0, sgEpochs(c) - epochsPassed) * validation + taskRows
                + (validation > 0 ? 2 : 1) * test;
    }

    /** Sleep steps of an STDP run (sleep.budget added): f/(1−f) of the wake steps, or r·W per W wake steps, capped. */
    static double expectedStdpSleepSteps(JsonNode c, double wakeSteps) {
        JsonNode sleep = c.path("sleep");
        double f = sleep.path("fraction").asDouble();
        if (f <= 0) {
            return 0;
        }
        if ("ratio_of_wake".equals(sleep.path("episode").asText())) {
            double interval = sleep.path("wake_steps").asDouble();
            double perEpisode = Math.max(1, Math.round(interval * f));
            double cap = sleep.path("max_episode_steps").asDouble(0);
            return Math.floor(wakeSteps / interval) * (cap > 0 ? Math.min(cap, perEpisode) : perEpisode);
        }
        return wakeSteps * f / (1 - f);
    }

    /** Work that cannot be counted: NaN in every phase. */
    private static final Work UNCOUNTED = new Work(Double.NaN, Double.NaN, Double.NaN);

    /**
     * The field a count of a run's work needs that its configuration lacks (missing, or not a whole number ≥ 1): an
     * SG-SNN's {@code sg.hidden}, {@code sg.steps} or {@code sg.batch_size}; null where it has them (a resolved
     * configuration always does).
     */
    static String uncountedField(JsonNode config) {
        if (!"sg".equals(config.path("model").asText())) {
            return null;
        }
        for (String field : List.of("hidden", "steps", "batch_size")) {
            JsonNode n = config.path("sg").path(field);
            if (!n.canConvertToInt() || n.asInt() < 1) {
                return "sg." + field;
            }
        }
        return null;
    }

    private static Work sgWork(JsonNode c, long epochsPassed) {
        if (uncountedField(c) != null) {
            return UNCOUNTED; // e.g. no sg.batch_size: its minibatches cannot be counted
        }
        JsonNode sg = c.path("sg");
        JsonNode train = c.path("train");
        double hidden = sg.path("hidden").asDouble();
        double steps = sg.path("steps").asDouble();
        int epochs = sgEpochsPerTask(c); // a continual run trains each task's images this often: all images, once a task
        int images = train.path("images").asInt();
        int batch = sg.path("batch_size").asInt();
        int batches = sg.path("drop_last").asBoolean() ? images / batch : (images + batch - 1) / batch;
        int perEpoch = sg.path("drop_last").asBoolean() ? batches * batch : images;
        double f = c.path("sleep").path("fraction").asDouble();
        JsonNode sleep = sg.path("sleep");
        double episodeSteps = sleep.path("iterations").asDouble() * sleep.path("steps_per_iteration").asDouble();
        double episodes;
        if (f <= 0) {
            episodes = 0;
        } else if ("every_minibatches".equals(sg.path("sleep_schedule").asText())) {
            // continual: a task's epoch is its share of the minibatches, so epochs × batches counts them all
            episodes = epochs * Math.ceil(batches / Math.floor(1 / f));
        } else {
            episodes = sgEpochs(c) * f; // after each epoch (each task's, continual) with probability f
        }
        return new Work((double) perEpoch * epochs * steps * hidden,
                episodes * episodeSteps * sleep.path("batch_copies").asDouble() * hidden,
                sgEvaluatedImages(c, epochsPassed) * steps * hidden);
    }

    /**
     * Costs per unit from the finished runs of a sweep directory ({@code runs/<id>/config.yaml}, timing.json,
     * summary.json): per run, each phase's seconds over its units as run (the sleep steps it slept), then the median
     * per key of the runs' configurations. Runs without phase timings (written before they existed) are skipped, and
     * so are untrained controls (plasticity off, cheaper) where their key has other runs. The costs are of the runs' wall
     * time, which a loaded host stretches; {@code --estimate} prices CPU time instead
     * ({@link #calibrate(Path, Function, ToDoubleFunction)}): its own calibration runs' ({@link RunCpuShares}), or
     * what {@code --calibration}'s runs recorded ({@link RecordedCpuShares}).
     */
    public static Map<String, UnitCosts> calibrate(Path sweepDir, Function<JsonNode, String> key) throws IOException {
        return calibrate(sweepDir, key, runId -> 1);
    }

    /**
     * {@link #calibrate(Path, Function)} with each run's phase seconds times {@code cpuShare} of its run id (the
     * directory's name): the CPU seconds it consumed per wall second ({@link RunCpuShares#share}), so that the costs
     * are CPU time, what a run takes with a core to itself, however loaded the host was.
     */
    public static Map<String, UnitCosts> calibrate(Path sweepDir, Function<JsonNode, String> key,
            ToDoubleFunction<String> cpuShare) throws IOException {
        Map<String, List<double[]>> perKey = new TreeMap<>();
        Map<String, List<PresentationRates.Measured>> rates = new TreeMap<>();
        // untrained controls (plasticity off) cost less than the runs they control: counted only for a key without others
        Map<String, List<double[]>> controls = new TreeMap<>();
        Map<String, List<PresentationRates.Measured>> controlRates = new TreeMap<>();
        Path runs = sweepDir.resolve(SweepRunner.RUNS_DIR);
        List<Path> dirs;
        try (Stream<Path> s = Files.list(runs)) {
            dirs = s.filter(p -> Files.isRegularFile(p.resolve("timing.json"))).sorted().toList();
        }
        for (Path dir : dirs) {
            JsonNode config = Mappers.YAML.readTree(dir.resolve("config.yaml").toFile());
            JsonNode timing = Mappers.JSON.readTree(dir.resolve("timing.json").toFile());
            JsonNode summary = Mappers.JSON.readTree(dir.resolve("summary.json").toFile());
            PresentationRates.Measured rate = PresentationRates.measured(config, timing);
            double[] c = measuredCosts(config, timing, summary,
                    rate == null ? PresentationRates.PerImage.ONCE : rate.perImage());
            if (c != null) {
                double share = cpuShare.applyAsDouble(dir.getFileName().toString());
                for (int i = 0; i < c.length; i++) {
                    c[i] *= share;
                }
                String k = key.apply(config);
                boolean control = !config.path("train").path("plasticity").asBoolean(true);
                (control ? controls : perKey).computeIfAbsent(k, x -> new ArrayList<>()).add(c);
                if (rate != null) {
                    (control ? controlRates : rates).computeIfAbsent(k, x -> new ArrayList<>()).add(rate);
                }
            }
        }
        controls.forEach((k, list) -> {
            if (!perKey.containsKey(k)) {
                perKey.put(k, list);
                rates.put(k, controlRates.getOrDefault(k, List.of()));
            }
        });
        Map<String, UnitCosts> out = new TreeMap<>();
        perKey.forEach((k, list) -> out.put(k, new UnitCosts(median(list, 0), median(list, 1),
                median(list, 2), list.size(), List.copyOf(rates.getOrDefault(k, List.of())))));
        return out;
    }

    /**
     * Seconds per unit of each phase of one finished run that presented {@code perImage}; null without phase timings.
     */
    static double[] measuredCosts(JsonNode config, JsonNode timing, JsonNode summary,
            PresentationRates.PerImage perImage) {
        if (!timing.has("evaluation_seconds") || !timing.has("sleep_seconds")) {
            return null;
        }
        Work planned = work(config, perImage);
        Work seconds = phaseSeconds(config, timing);
        double sleepUnits;
        double trainUnits;
        if ("sg".equals(config.path("model").asText())) {
            JsonNode sg = config.path("sg");
            double perStep = sg.path("sleep").path("batch_copies").asDouble() * sg.path("hidden").asDouble();
            sleepUnits = timing.path("sleep_steps").asDouble() * perStep;
            trainUnits = timing.path("train_images").asDouble() * sg.path("steps").asDouble() * sg.path("hidden").asDouble();
        } else {
            sleepUnits = summary.path("sleep_steps").asDouble();
            trainUnits = timing.path("presentations").asDouble() * config.path("simulation").path("steps_per_image").asDouble();
        }
        return new double[] {ratio(seconds.train(), trainUnits), ratio(seconds.sleep(), sleepUnits),
            ratio(seconds.evaluation(), planned.evaluation())};
    }

    /**
     * The seconds of each phase of one finished run, as its timing.json splits them (a resumed run's add the time
     * before the snapshot to the time after: the whole run's): the STDP-SNN's train phase is its setup, presentations
     * and per-image checks; null without phase timings (timing.json written before they existed).
     */
    public static Work phaseSeconds(JsonNode config, JsonNode timing) {
        if (!timing.has("evaluation_seconds") || !timing.has("sleep_seconds")) {
            return null;
        }
        double train = "sg".equals(config.path("model").asText()) ? timing.path("train_seconds").asDouble()
                : timing.path("setup_seconds").asDouble() + timing.path("presentation_seconds").asDouble()
                + timing.path("per_image_check_seconds").asDouble();
        return new Work(train, timing.path("sleep_seconds").asDouble(), timing.path("evaluation_seconds").asDouble());
    }

    private static double ratio(double seconds, double units) {
        return units > 0 ? seconds / units : Double.NaN;
    }

    private static double median(List<double[]> list, int phase) {
        double[] v = list.stream().mapToDouble(a -> a[phase]).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
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
            Work w = work(c, perImage.apply(i));
            String uncounted = uncountedField(c);
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
    private static List<String> unmeasured(UnitCosts u, Work w) {
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

    /** The estimate as a Markdown table (hours with one decimal; seconds below an hour). */
    public static String format(Estimate e) {
        return format(new Projection(e, e, List.of()));
    }

    /**
     * The projection as a Markdown table. Where its two ends differ, a cell reads "low – high" and the wall time is
     * given at both; the presentations per image of re-presenting presets follow, with where they come from. Without
     * such presets, the table of {@link #format(Estimate)}.
     */
    public static String format(Projection p) {
        Estimate lo = p.low();
        Estimate hi = p.high();
        StringBuilder b = new StringBuilder();
        b.append("| preset | runs | train | sleep | evaluation | CPU total |\n|---|---|---|---|---|---|\n");
        for (int i = 0; i < lo.rows().size(); i++) {
            Row r = lo.rows().get(i);
            Row h = hi.rows().get(i);
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", r.key(), r.runs(),
                    durations(r.trainSeconds(), h.trainSeconds()), durations(r.sleepSeconds(), h.sleepSeconds()),
                    durations(r.evaluationSeconds(), h.evaluationSeconds()), durations(r.cpuSeconds(), h.cpuSeconds())));
        }
        int runs = lo.rows().stream().mapToInt(Row::runs).sum();
        b.append(String.format(Locale.ROOT, "| **all** | %d | | | | %s |%n%n", runs,
                durations(lo.cpuSeconds(), hi.cpuSeconds())));
        b.append(String.format(Locale.ROOT, "Projected wall time on %d core%s (runs longest first, one per core): **%s**",
                lo.cores(), lo.cores() == 1 ? "" : "s", duration(lo.wallSeconds())));
        if (p.isRange()) {
            b.append(String.format(Locale.ROOT, " at the presentations per image measured, **%s** at "
                    + "encoding.max_presentations (the worst case)", duration(hi.wallSeconds())));
        }
        b.append(String.format("%n"));
        b.append(presentations(p));
        if (!lo.unmeasured().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nNot measured by the calibration runs, so counted as 0 s (the "
                    + "projection is too low; calibrate with runs that do this work, e.g. that sleep): %s%n",
                    String.join(", ", lo.unmeasured())));
        }
        return b.toString();
    }

    /** The re-presenting keys' presentations per image and their source; "" without such keys. */
    private static String presentations(Projection p) {
        if (p.presentations().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%nPresentations per image (an image is shown "
                + "again, brighter, while E fires fewer than encoding.min_spikes spikes, up to "
                + "encoding.max_presentations times; training, the sleep it schedules and the evaluation scale with "
                + "them):%n"));
        for (PresentationRates.Expected x : p.presentations()) {
            String where;
            if (!x.isRange()) {
                where = String.format(Locale.ROOT, "the median of %d finished run%s of at least %.0f images", x.runs(),
                        x.runs() == 1 ? "" : "s", x.images());
            } else if (x.runs() == 0) {
                where = "low: 1, as no run measured it; high: encoding.max_presentations";
            } else {
                where = String.format(Locale.ROOT, "low: the median of %d finished run%s of at most %.0f images; high: "
                        + "encoding.max_presentations", x.runs(), x.runs() == 1 ? "" : "s", x.measuredImages());
            }
            b.append(String.format(Locale.ROOT, "- %s, %.0f images: training %s, evaluation %s (%s)%n", x.key(),
                    x.images(), rates(x.low().train(), x.high().train()),
                    rates(x.low().evaluation(), x.high().evaluation()), where));
        }
        if (p.isRange()) {
            b.append(String.format(Locale.ROOT, "%nRe-presentations grow with training (θ rises, so E fires less), and "
                    + "the runs measured saw only their first images: the low end is too low for longer runs, the "
                    + "high end a bound. For one figure, give --calibration a sweep directory with finished runs of the "
                    + "preset, at the same network size, that trained at least as many images.%n"));
        }
        return b.toString();
    }

    /** "low – high", or the one duration where both read the same. */
    private static String durations(double low, double high) {
        String a = duration(low);
        String b = duration(high);
        return a.equals(b) ? a : a + " – " + b;
    }

    private static String rates(double low, double high) {
        String a = String.format(Locale.ROOT, low == Math.rint(low) ? "%.0f" : "%.2f", low);
        String b = String.format(Locale.ROOT, high == Math.rint(high) ? "%.0f" : "%.2f", high);
        return a.equals(b) ? a : a + " – " + b;
    }

    /** Seconds below 90 s, minutes below 90 min, else hours; "< 0.1 s" for a cost measured but below the 0.1 s shown. */
    static String duration(double seconds) {
        if (seconds > 0 && seconds < 0.05) {
            return "< 0.1 s"; // not "0.0 s", which reads as a phase that costs nothing (a run without sleep)
        }
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 5400) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
