package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.config.Choices;
import io.somnus.experiment.config.ModelKind;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.sweep.StudyEstimate.UnitCosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The costs per unit of work that finished runs measured ({@link UnitCosts}): each run's seconds per
 * phase from its timing.json over the units it ran, the median per cost key.
 */
public final class MeasuredCosts {
    private MeasuredCosts() {
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
        RunWork planned = RunWork.of(config, perImage);
        RunWork seconds = phaseSeconds(config, timing);
        double sleepUnits;
        double trainUnits;
        if (Choices.of(ModelKind.SG).equals(config.path("model").asText())) {
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
    public static RunWork phaseSeconds(JsonNode config, JsonNode timing) {
        if (!timing.has("evaluation_seconds") || !timing.has("sleep_seconds")) {
            return null;
        }
        boolean sg = Choices.of(ModelKind.SG).equals(config.path("model").asText());
        double train = sg ? timing.path("train_seconds").asDouble()
                : timing.path("setup_seconds").asDouble() + timing.path("presentation_seconds").asDouble()
                + timing.path("per_image_check_seconds").asDouble();
        return new RunWork(train, timing.path("sleep_seconds").asDouble(), timing.path("evaluation_seconds").asDouble());
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
}
