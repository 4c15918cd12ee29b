package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.Mappers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The projected wall time of a study, from measured per-phase costs.
 * <p>
 * Each run is split into three phases, each with its own unit of work, counted from the run's resolved configuration:
 * <ul>
 *   <li><b>train</b>: image-steps trained (STDP-SNN: presentations × steps per image; SG-SNN: images × epochs × T ×
 *       hidden units);</li>
 *   <li><b>sleep</b>: sleep steps (STDP-SNN) or sleep steps × copies × hidden units (SG-SNN), the expected number for the
 *       run's sleep fraction and schedule;</li>
 *   <li><b>evaluation</b>: image-steps run frozen (STDP-SNN: checkpoints × (readout + validation images) + readout + test
 *       images, × steps per image; SG-SNN: (epochs × validation + 2 × test images) × T × hidden units).</li>
 * </ul>
 * A preset's cost per unit of each phase is the median, over calibration runs, of that phase's seconds in timing.json
 * divided by the run's units ({@link #calibrate}); runs are grouped by a key, the preset ({@link #BY_PRESET}) or the
 * preset and the grid values it was calibrated at ({@link StudyCalibration#costKey}). A planned run's CPU time is the
 * sum over phases of units × cost; the runs are then put on {@code cores} workers longest first, each to the least
 * loaded one (how a pool of workers takes them, in the best order), and the wall time is the most loaded worker's.
 * Left out: JVM start, loading data, the statistics and the report after the runs (seconds), and STDP sleep episodes
 * that end early (the expected sleep steps are an upper bound there). Readout fits are counted as evaluation
 * image-steps, which they are not exactly.
 */
public final class StudyEstimate {
    /** Units of work of one run, per phase. */
    public record Work(double train, double sleep, double evaluation) { }

    /** Seconds per unit of work, per phase; NaN where no calibration run measured the phase. */
    public record UnitCosts(double train, double sleep, double evaluation, int runs) {
        double seconds(Work w) {
            return w.train() * orZero(train) + w.sleep() * orZero(sleep) + w.evaluation() * orZero(evaluation);
        }
    }

    /** One cost key's share of the study (a preset, or a preset at a grid point): its runs and their CPU seconds. */
    public record Row(String key, int runs, double trainSeconds, double sleepSeconds, double evaluationSeconds) {
        public double cpuSeconds() {
            return trainSeconds + sleepSeconds + evaluationSeconds;
        }
    }

    /**
     * The projection: a row per cost key, the CPU total and the wall time on {@code cores} workers, and the phases
     * with work to do that no calibration run measured (e.g. {@code paper: sleep}), counted as 0 s.
     */
    public record Estimate(List<Row> rows, int cores, double wallSeconds, Map<String, UnitCosts> costs,
                           List<String> unmeasured) {
        public double cpuSeconds() {
            return rows.stream().mapToDouble(Row::cpuSeconds).sum();
        }
    }

    /** Costs per preset: a run's key is its preset. */
    public static final Function<JsonNode, String> BY_PRESET = c -> c.path("preset").asText();

    private StudyEstimate() {
    }

    private static double orZero(double x) {
        return Double.isNaN(x) ? 0 : x;
    }

    /** The expected units of work of a run with this resolved configuration. */
    public static Work work(JsonNode config) {
        return "sg".equals(config.path("model").asText()) ? sgWork(config) : stdpWork(config);
    }

    private static Work stdpWork(JsonNode c) {
        JsonNode train = c.path("train");
        double steps = c.path("simulation").path("steps_per_image").asDouble();
        double images = train.path("images").asDouble() * Math.max(1, train.path("epochs").asInt(1));
        double wakeSteps = images * steps;
        return new Work(wakeSteps, expectedStdpSleepSteps(c, wakeSteps), stdpEvaluatedImages(train) * steps);
    }

    /** Images run frozen: each checkpoint fits the readout and scores validation, the end fits it and scores test. */
    static double stdpEvaluatedImages(JsonNode train) {
        int images = train.path("images").asInt();
        int readout = train.path("readout_images").asInt(0);
        int atCheckpoint = readout == 0 ? Math.min(images, 1000) : Math.min(readout, images);
        int atEnd = readout == 0 ? images : Math.min(readout, images);
        return train.path("checkpoints").asDouble() * (atCheckpoint + train.path("validation_images").asInt())
                + atEnd + train.path("test_images").asInt();
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

    private static Work sgWork(JsonNode c) {
        JsonNode sg = c.path("sg");
        JsonNode train = c.path("train");
        double hidden = sg.path("hidden").asDouble();
        double steps = sg.path("steps").asDouble();
        int epochs = sg.path("epochs").isNumber() ? sg.path("epochs").asInt() : train.path("epochs").asInt(1);
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
            episodes = epochs * Math.ceil(batches / Math.floor(1 / f));
        } else {
            episodes = epochs * f; // after each epoch with probability f
        }
        int validation = train.path("validation_images").asInt();
        double evaluated = (double) epochs * validation + (validation > 0 ? 2 : 1) * train.path("test_images").asInt();
        return new Work((double) perEpoch * epochs * steps * hidden,
                episodes * episodeSteps * sleep.path("batch_copies").asDouble() * hidden, evaluated * steps * hidden);
    }

    /**
     * Costs per unit from the finished runs of a sweep directory ({@code runs/<id>/config.yaml}, timing.json,
     * summary.json): per run, each phase's seconds over its units as run (the sleep steps it slept), then the median
     * per key of the runs' configurations. Runs without phase timings (written before they existed) are skipped.
     */
    public static Map<String, UnitCosts> calibrate(Path sweepDir, Function<JsonNode, String> key) throws IOException {
        Map<String, List<double[]>> perKey = new TreeMap<>();
        Path runs = sweepDir.resolve(SweepRunner.RUNS_DIR);
        List<Path> dirs;
        try (Stream<Path> s = Files.list(runs)) {
            dirs = s.filter(p -> Files.isRegularFile(p.resolve("timing.json"))).sorted().toList();
        }
        for (Path dir : dirs) {
            JsonNode config = Mappers.YAML.readTree(dir.resolve("config.yaml").toFile());
            JsonNode timing = Mappers.JSON.readTree(dir.resolve("timing.json").toFile());
            JsonNode summary = Mappers.JSON.readTree(dir.resolve("summary.json").toFile());
            double[] c = measuredCosts(config, timing, summary);
            if (c != null) {
                perKey.computeIfAbsent(key.apply(config), k -> new ArrayList<>()).add(c);
            }
        }
        Map<String, UnitCosts> out = new TreeMap<>();
        perKey.forEach((k, list) -> out.put(k, new UnitCosts(median(list, 0), median(list, 1),
                median(list, 2), list.size())));
        return out;
    }

    /** Seconds per unit of each phase of one finished run; null without phase timings. */
    static double[] measuredCosts(JsonNode config, JsonNode timing, JsonNode summary) {
        if (!timing.has("evaluation_seconds") || !timing.has("sleep_seconds")) {
            return null;
        }
        Work planned = work(config);
        double sleepUnits;
        double trainSeconds;
        double trainUnits;
        if ("sg".equals(config.path("model").asText())) {
            JsonNode sg = config.path("sg");
            double perStep = sg.path("sleep").path("batch_copies").asDouble() * sg.path("hidden").asDouble();
            sleepUnits = timing.path("sleep_steps").asDouble() * perStep;
            trainSeconds = timing.path("train_seconds").asDouble();
            trainUnits = timing.path("train_images").asDouble() * sg.path("steps").asDouble() * sg.path("hidden").asDouble();
        } else {
            sleepUnits = summary.path("sleep_steps").asDouble();
            trainSeconds = timing.path("setup_seconds").asDouble() + timing.path("presentation_seconds").asDouble()
                    + timing.path("per_image_check_seconds").asDouble();
            trainUnits = timing.path("presentations").asDouble() * config.path("simulation").path("steps_per_image").asDouble();
        }
        return new double[] {ratio(trainSeconds, trainUnits), ratio(timing.path("sleep_seconds").asDouble(), sleepUnits),
            ratio(timing.path("evaluation_seconds").asDouble(), planned.evaluation())};
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
     * Projects the planned runs with the given costs, looked up by each run's {@code key}, on {@code cores} workers.
     *
     * @throws IllegalArgumentException naming a key of the plan that no calibration run measured
     */
    public static Estimate estimate(List<JsonNode> configs, Function<JsonNode, String> key, Map<String, UnitCosts> costs,
            int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, got " + cores);
        }
        Map<String, double[]> byKey = new LinkedHashMap<>();
        java.util.Set<String> unmeasured = new java.util.LinkedHashSet<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        double[] runSeconds = new double[configs.size()];
        for (int i = 0; i < configs.size(); i++) {
            JsonNode c = configs.get(i);
            String k = key.apply(c);
            UnitCosts u = costs.get(k);
            if (u == null) {
                throw new IllegalArgumentException("no calibration run of '" + k + "': its costs are unknown");
            }
            Work w = work(c);
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
        PriorityQueue<double[]> workers = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int w = 0; w < cores; w++) {
            workers.add(new double[] {0});
        }
        for (int i = sorted.length - 1; i >= 0; i--) {
            double[] least = workers.poll();
            least[0] += sorted[i];
            workers.add(least);
        }
        double wall = 0;
        for (double[] w : workers) {
            wall = Math.max(wall, w[0]);
        }
        return wall;
    }

    /** The estimate as a Markdown table (hours with one decimal; seconds below an hour). */
    public static String format(Estimate e) {
        StringBuilder b = new StringBuilder();
        b.append("| preset | runs | train | sleep | evaluation | CPU total |\n|---|---|---|---|---|---|\n");
        for (Row r : e.rows()) {
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", r.key(), r.runs(),
                    duration(r.trainSeconds()), duration(r.sleepSeconds()), duration(r.evaluationSeconds()),
                    duration(r.cpuSeconds())));
        }
        int runs = e.rows().stream().mapToInt(Row::runs).sum();
        b.append(String.format(Locale.ROOT, "| **all** | %d | | | | %s |%n%n", runs, duration(e.cpuSeconds())));
        b.append(String.format(Locale.ROOT, "Projected wall time on %d core%s (runs longest first, one per core): **%s**%n",
                e.cores(), e.cores() == 1 ? "" : "s", duration(e.wallSeconds())));
        if (!e.unmeasured().isEmpty()) {
            b.append(String.format(Locale.ROOT, "%nNot measured by the calibration runs, so counted as 0 s (the "
                    + "projection is too low; calibrate with runs that do this work, e.g. that sleep): %s%n",
                    String.join(", ", e.unmeasured())));
        }
        return b.toString();
    }

    /** Seconds below 90 s, minutes below 90 min, else hours. */
    static String duration(double seconds) {
        if (seconds < 90) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        if (seconds < 5400) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
