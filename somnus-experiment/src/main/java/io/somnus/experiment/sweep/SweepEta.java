package io.somnus.experiment.sweep;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The time a sweep has left, learned from the runs it has finished. A run yet to finish costs its work (the units of
 * {@link StudyEstimate#work}, all phases together) at the seconds per unit its preset's finished runs took; before a
 * run of its preset has finished, the mean wall time of the finished runs. The total is shared by the workers. A
 * count of runs misleads where presets differ in cost: in the full study a {@code paper-sg} run costs about 50
 * {@code paper} runs. Runs in progress count whole (an estimate that errs on the long side).
 */
public final class SweepEta {
    private final Map<String, String> presetOf;
    private final Map<String, Double> unitsOf;
    private final Set<String> pending = new LinkedHashSet<>();
    /** Per preset: finished seconds and units, of runs whose units are known. */
    private final Map<String, double[]> perPreset = new HashMap<>();
    private final int workers;
    private double finishedSeconds;
    private int finished;

    /**
     * @param presetOf each run to go: its preset
     * @param unitsOf  each run to go: its units of work (0 where unknown)
     * @param workers  runs in parallel
     */
    public SweepEta(Map<String, String> presetOf, Map<String, Double> unitsOf, int workers) {
        this.presetOf = Map.copyOf(presetOf);
        this.unitsOf = Map.copyOf(unitsOf);
        this.workers = Math.max(1, workers);
        pending.addAll(presetOf.keySet());
    }

    /** For the runs a sweep is about to run, their work from their resolved configurations. */
    public static SweepEta of(List<PlannedRun> toRun, int workers) {
        Map<String, String> presets = new LinkedHashMap<>();
        Map<String, Double> units = new HashMap<>();
        for (PlannedRun r : toRun) {
            presets.put(r.runId(), r.config().path("preset").asText());
            StudyEstimate.Work w = StudyEstimate.work(r.config());
            double total = w.train() + w.sleep() + w.evaluation();
            units.put(r.runId(), Double.isFinite(total) && total > 0 ? total : 0);
        }
        return new SweepEta(presets, units, workers);
    }

    /** A run finished (done or failed) after {@code wallSeconds}. */
    public synchronized void finished(String runId, double wallSeconds) {
        if (!pending.remove(runId)) {
            return;
        }
        finished++;
        finishedSeconds += wallSeconds;
        double units = unitsOf.getOrDefault(runId, 0.0);
        if (units > 0) {
            double[] p = perPreset.computeIfAbsent(presetOf.get(runId), k -> new double[2]);
            p[0] += wallSeconds;
            p[1] += units;
        }
    }

    /** The time left; empty until a run has finished (nothing to learn the costs from). */
    public synchronized Optional<Duration> remaining() {
        if (finished == 0) {
            return Optional.empty();
        }
        double mean = finishedSeconds / finished;
        double seconds = 0;
        for (String id : pending) {
            double[] p = perPreset.get(presetOf.get(id));
            double units = unitsOf.getOrDefault(id, 0.0);
            seconds += p != null && units > 0 ? units * p[0] / p[1] : mean;
        }
        return Optional.of(Duration.ofMillis(Math.round(seconds / workers * 1000)));
    }
}
