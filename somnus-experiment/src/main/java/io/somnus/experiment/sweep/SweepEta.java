package io.somnus.experiment.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.Mappers;
import io.somnus.experiment.run.ResumePoint;
import io.somnus.experiment.stdp.StdpTraining;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The time a sweep has left, learned from the runs it has finished, without running anything more. Each run's work is
 * the units of {@link RunWork#of}, per phase (training, sleep, evaluation; from its resolved configuration), so
 * that runs of one cost key that sleep for different fractions of their time cost what each sleeps (an STDP-SNN sleep
 * step costs several wake steps: f = 0.5 took 47 s where f = 0 took 21 s). A run yet to finish costs each phase's units
 * at the median seconds per unit of that phase in the finished runs of its cost key (preset, or preset at a grid point:
 * {@link StudyCalibration#costKey}; their timing.json's phase seconds, {@link MeasuredCosts#phaseSeconds}), plus their
 * median time outside the phases (loading data, writing files); before any has finished, at the rates of the other keys
 * of its preset (its other grid points), which gives a range (the cheapest to the dearest per unit). A
 * phase that no finished run measured (none slept yet), and runs finished without phase timings, take the run's units
 * altogether at the median seconds per unit of the key's whole runs. A run whose preset has no finished run is
 * <em>pending</em>: its time is not guessed, and the time left is the known part "+ pending". Presets' costs per unit
 * are not comparable, as {@link StudyEstimate} prices each preset only from its own calibration runs: across models (an
 * SG-SNN unit is a hidden unit's step, an STDP-SNN unit a whole network's; the old rule, the mean finished run, said 1.5
 * minutes for a sweep with {@code paper-sg} runs to go that had hours left), and across STDP-SNN presets too
 * ({@code paper-code}'s 1 000 steps per image with its runaway activity cost per step what {@code paper}'s do not: priced
 * at the rates of one {@code paper} run, a geomfig sweep of paper, paper-code and diehl-cook said minutes too many).
 * <p>
 * The runs are then played out as the runner's pool takes them: the runs in progress keep their workers for the time
 * they have left (their cost less the time they have run, at least 0), and the runs to go, in plan order, each go to
 * the worker that frees first; the time left is when the last worker is done. A run resumed from a snapshot has
 * only the work after it left ({@link #resumed}, {@link #leftAtResume}: per phase, the training and sleep after the
 * images trained or epochs finished that its snapshot holds, and the evaluations of the checkpoints or epochs after it
 * with the final readout and test), priced as a run to go's, less the time it has run since the resume. Only runs
 * that finished {@code done} teach a rate (a failed run stopped early). A run resumed from a snapshot teaches its
 * phase rates (its timing.json counts the whole run's phases) but not from its wall time, which covers only the part
 * after the resume.
 * <p>
 * A resumed sweep learns from the start from the runs that earlier invocations finished ({@link #of(List, List,
 * Function, int)}, {@link #finishedBefore}): each teaches as a run of its key finished in this process does, from its
 * timing.json's phase seconds and the ledger's wall time of its last attempt, and none of its time is left. One whose
 * timing.json is missing or unreadable teaches from its wall time alone (as a run finished now whose timing.json
 * cannot be read), and nothing where that is unknown too; nothing is said of it. The ledger does not record whether
 * a run went on from a snapshot: one started more than once may have, so it teaches its phase rates alone.
 * <p>
 * The JIT's warm-up: the first runs of a preset in a JVM run its code before the JIT has compiled it (a small
 * {@code paper} run: 8 s cold, 1 s warm), so a run started after a run of its preset finished done in this process
 * is <em>warm</em>, and a key's medians take its warm runs only once it has one: the time left drops the warm-up from
 * the key's second run on (with one worker), where the median of all its runs kept half of it at two runs and dropped
 * it from the third. Until then the cold runs are all there is, and they price it (erring long). The runs an earlier
 * invocation finished ({@link #finishedBefore}) count as cold: whether they were is not recorded. With an engine
 * whose runs go to other JVMs (Spark), a run counted warm may still have run in a cold executor.
 */
public final class SweepEta {
    /**
     * A run to go: its id, cost key, preset and units of work per phase (0: unknown).
     *
     * @param id     the run's id ({@code runs/<id>/})
     * @param key    its cost key: the preset, or the preset at a grid point ({@link StudyCalibration#costKey})
     * @param preset its preset's name
     * @param work   its units of work per phase ({@link RunWork#of}); 0 in a phase: unknown or none
     */
    public record Run(String id, String key, String preset, RunWork work) {
        /** A run whose {@code units} are not told apart by phase (all counted as training). */
        public Run(String id, String key, String preset, double units) {
            this(id, key, preset, new RunWork(units, 0, 0));
        }

        /** All phases' units. */
        public double units() {
            return work.train() + work.sleep() + work.evaluation();
        }

        private double[] phases() {
            return new double[] {work.train(), work.sleep(), work.evaluation()};
        }
    }

    /**
     * The time left: {@code low} to {@code high} (the same where every run's rate is its key's own), and the cost keys
     * of the runs whose time is unknown yet (no run of their preset has finished), counted as 0 in both ends.
     *
     * @param low     the least time left (zero when nothing but pending runs is left)
     * @param high    the most time left (equal to {@code low} where every run's rate is its key's own)
     * @param pending the cost keys whose runs are not counted (empty when every run left has a rate)
     */
    public record Remaining(Duration low, Duration high, List<String> pending) {
        /** The time left where it is one figure with nothing pending. */
        public Optional<Duration> exact() {
            return pending.isEmpty() && low.equals(high) ? Optional.of(low) : Optional.empty();
        }

        /**
         * E.g. {@code 0:12:05}, {@code 0:10:00 to 0:25:00}, {@code 0:01:30 + unknown (no paper-sg run finished yet)}, {@code unknown: no paper run finished yet}: the
         * runs whose time is known, plus those whose time is not.
         */
        public String inWords() {
            String span = low.equals(high) ? clock(low) : clock(low) + " to " + clock(high);
            if (pending.isEmpty()) {
                return span;
            }
            String which = "no " + String.join(" or ", pending) + " run finished yet";
            return high.isZero() ? "unknown: " + which : span + " + unknown (" + which + ")";
        }
    }

    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final Set<String> toGo = new LinkedHashSet<>();
    /** Runs in progress: when they started, seconds on the caller's clock. */
    private final Map<String, Double> startedAt = new LinkedHashMap<>();
    /** Runs in progress that went on from a snapshot: their units left per phase (training, sleep, evaluation). */
    private final Map<String, double[]> leftAtResume = new HashMap<>();
    /**
     * What one finished run measured (seconds, or seconds per unit), and whether it ran warm: started after a run of
     * its preset had finished done in this process, so past the JIT's warm-up.
     */
    private record Sample(double value, boolean warm) { }

    /** Per cost key, the wall seconds of its runs finished done (for runs whose units are unknown). */
    private final Map<String, List<Sample>> wallsOf = new HashMap<>();
    /** Per cost key, seconds per unit of its runs finished done whose units are known. */
    private final Map<String, List<Sample>> ratesOf = new HashMap<>();
    /** Per cost key and phase (training, sleep, evaluation), seconds per unit of the runs that reported their phases. */
    private final Map<String, List<List<Sample>>> phaseRatesOf = new HashMap<>();
    /** Per cost key, the seconds of its runs (not resumed) outside their phases: wall time less the phases' seconds. */
    private final Map<String, List<Sample>> overheadsOf = new HashMap<>();
    /** Presets with a run finished done in this process: a run of theirs started now runs warm. */
    private final Set<String> presetsDone = new HashSet<>();
    /** Runs to go or in progress that started warm ({@link Sample#warm}). */
    private final Set<String> startedWarm = new HashSet<>();
    private final int workers;

    /**
     * @param toRun   the runs to go, in the order the pool takes them
     * @param workers runs in parallel
     */
    public SweepEta(List<Run> toRun, int workers) {
        for (Run r : toRun) {
            runs.put(r.id(), r);
            toGo.add(r.id());
        }
        this.workers = Math.max(1, workers);
    }

    /** For the runs a sweep is about to run (in the order it runs them), their work from their configurations. */
    public static SweepEta of(List<PlannedRun> toRun, Function<JsonNode, String> costKey, int workers) {
        return of(toRun, List.of(), costKey, workers);
    }

    /**
     * As {@link #of(List, Function, int)}, for a resumed sweep: the runs an earlier invocation finished teach the time
     * left from the start, each as a run of its key finished in this process would ({@link #finishedBefore}); none
     * of their time is left.
     */
    public static SweepEta of(List<PlannedRun> toRun, List<FinishedRun> finishedBefore,
                              Function<JsonNode, String> costKey, int workers) {
        SweepEta eta = new SweepEta(toRun.stream().map(r -> run(r, costKey)).toList(), workers);
        for (FinishedRun f : finishedBefore) {
            eta.finishedBefore(run(f.run(), costKey), f.wallSeconds(), f.attempts() <= 1, phaseSeconds(f.dir()));
        }
        return eta;
    }

    /** The run's work from its resolved configuration (0: unknown). */
    private static Run run(PlannedRun r, Function<JsonNode, String> costKey) {
        JsonNode c = r.config();
        RunWork w = RunWork.of(c);
        double total = w.train() + w.sleep() + w.evaluation();
        boolean known = Double.isFinite(total) && total > 0 && w.train() >= 0 && w.sleep() >= 0 && w.evaluation() >= 0;
        return new Run(r.runId(), costKey.apply(c), c.path("preset").asText(), known ? w : new RunWork(0, 0, 0));
    }

    /**
     * A run that an earlier invocation of the sweep finished done: it teaches as {@link #finished} would have (its
     * phase rates from {@code phaseSeconds}, its timing.json's; null where that is missing or unreadable, then its
     * wall time alone, and nothing where that is unknown too), and is not to go. Its wall time, the ledger's of its
     * last attempt, teaches only where {@code oneAttempt}: a run started more than once may have gone on from a
     * resume snapshot, its last attempt's wall time then the part after the resume, so it teaches its phase rates
     * alone, as a resumed run does.
     */
    public synchronized void finishedBefore(Run run, double wallSeconds, boolean oneAttempt,
                                            RunWork phaseSeconds) {
        if (runs.containsKey(run.id())) {
            return; // a run to go, or told already
        }
        runs.put(run.id(), run); // its key's rates price its preset's other keys too (nearest)
        learn(run, wallSeconds, !oneAttempt, phaseSeconds, false);
    }

    /** A run started at {@code atSeconds} (any clock, the same as {@link #remaining}'s). */
    public synchronized void started(String runId, double atSeconds) {
        if (toGo.contains(runId)) {
            startedAt.put(runId, atSeconds);
            if (presetsDone.contains(runs.get(runId).preset())) {
                startedWarm.add(runId);
            }
        }
    }

    /**
     * The run started last went on from its snapshot with {@code left} of its units to do, per phase (as
     * {@link #leftAtResume} reads them; the whole run's where it runs again from the start): its time left is that of
     * those units, as a run to go's, less the time since the resume. Left as the run's whole work where {@code left}
     * is not a run's work (null, negative or not finite).
     */
    public synchronized void resumed(String runId, RunWork left) {
        if (!startedAt.containsKey(runId)) {
            return;
        }
        double[] u = left == null ? null : new double[] {left.train(), left.sleep(), left.evaluation()};
        boolean valid = u != null;
        for (int p = 0; valid && p < u.length; p++) {
            valid = u[p] >= 0 && u[p] < Double.POSITIVE_INFINITY;
        }
        if (valid) {
            leftAtResume.put(runId, u);
        } else {
            leftAtResume.remove(runId);
        }
    }

    /**
     * The units of work (per phase, {@link RunWork#left}) left to the run of {@code config} cut short at
     * {@code at}, its snapshot's point: an STDP-SNN run's after the images it had trained of all it trains and the
     * checkpoints it had evaluated, an SG-SNN run's after the epochs it had finished; the whole run's where that cannot
     * be counted.
     */
    public static RunWork leftAtResume(ResumePoint at, JsonNode config) {
        try {
            if (at.sg()) {
                int epoch = (int) at.done();
                return RunWork.left(config, fraction(epoch, RunWork.sgEpochs(config)), epoch);
            }
            return RunWork.left(config, fraction(at.done(),
                    StdpTraining.imagesToTrain(at.orderLength(), config)), at.checkpointsPassed());
        } catch (RuntimeException e) {
            return RunWork.of(config); // counted as a fresh run, which errs long
        }
    }

    private static double fraction(double done, double of) {
        return of > 0 && done >= 0 ? Math.min(1, done / of) : 0;
    }

    /** A run finished after {@code wallSeconds}; {@code done} false where it failed (its time teaches nothing). */
    public synchronized void finished(String runId, double wallSeconds, boolean done) {
        finished(runId, wallSeconds, done, false, null);
    }

    /**
     * A run finished after {@code wallSeconds} (this invocation's: from its resume where {@code resumed}), its phases'
     * seconds as its timing.json says ({@link #phaseSeconds}; null where unknown); {@code done} false where it failed.
     */
    public synchronized void finished(String runId, double wallSeconds, boolean done, boolean resumed,
                                      RunWork phaseSeconds) {
        if (!toGo.remove(runId)) {
            return;
        }
        startedAt.remove(runId);
        leftAtResume.remove(runId);
        boolean warm = startedWarm.remove(runId);
        if (done) {
            learn(runs.get(runId), wallSeconds, resumed, phaseSeconds, warm);
            presetsDone.add(runs.get(runId).preset());
        }
    }

    /**
     * What a run finished done teaches: its wall time (unless {@code resumed}, or unknown) the key's whole-run rate
     * and time outside the phases, its phases' seconds (where known) the key's phase rates; {@code warm}: it started
     * after a run of its preset had finished done in this process.
     */
    private void learn(Run r, double wallSeconds, boolean resumed, RunWork phaseSeconds, boolean warm) {
        // a resumed run's wall time is the part after its resume, its units the whole run's
        boolean wallTeaches = !resumed && wallSeconds >= 0 && wallSeconds < Double.POSITIVE_INFINITY;
        if (wallTeaches) {
            wallsOf.computeIfAbsent(r.key(), x -> new ArrayList<>()).add(new Sample(wallSeconds, warm));
            if (r.units() > 0) {
                ratesOf.computeIfAbsent(r.key(), x -> new ArrayList<>()).add(new Sample(wallSeconds / r.units(), warm));
            }
        }
        if (phaseSeconds == null || r.units() <= 0) {
            return;
        }
        double[] s = {phaseSeconds.train(), phaseSeconds.sleep(), phaseSeconds.evaluation()};
        double[] u = r.phases();
        List<List<Sample>> rates = phaseRatesOf.computeIfAbsent(r.key(),
                x -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        double inPhases = 0;
        for (int p = 0; p < s.length; p++) {
            if (u[p] > 0 && s[p] >= 0) {
                rates.get(p).add(new Sample(s[p] / u[p], warm));
            }
            inPhases += Math.max(0, s[p]);
        }
        if (wallTeaches) {
            overheadsOf.computeIfAbsent(r.key(), x -> new ArrayList<>())
                    .add(new Sample(Math.max(0, wallSeconds - inPhases), warm));
        }
    }

    /**
     * The phases' seconds of the finished run in {@code runDir} (its config.yaml and timing.json:
     * {@link MeasuredCosts#phaseSeconds}); null where they cannot be read or were not recorded.
     */
    public static RunWork phaseSeconds(Path runDir) {
        if (runDir == null) {
            return null;
        }
        try {
            JsonNode config = Mappers.YAML.readTree(runDir.resolve("config.yaml").toFile());
            JsonNode timing = Mappers.JSON.readTree(runDir.resolve("timing.json").toFile());
            return MeasuredCosts.phaseSeconds(config, timing);
        } catch (IOException | RuntimeException e) {
            return null; // the time left then learns from the wall time alone
        }
    }

    /** The time left at {@code nowSeconds}. */
    public synchronized Remaining remaining(double nowSeconds) {
        Set<String> pending = new LinkedHashSet<>();
        List<double[]> busy = new ArrayList<>();
        List<double[]> queued = new ArrayList<>();
        for (String id : toGo) {
            Run r = runs.get(id);
            // a resumed run's units after its snapshot, else the whole run's
            double[] cost = cost(r, leftAtResume.getOrDefault(id, r.phases()));
            if (cost == null) {
                pending.add(r.key());
                cost = new double[] {0, 0};
            }
            Double t0 = startedAt.get(id);
            if (t0 != null) {
                double ran = Math.max(0, nowSeconds - t0);
                busy.add(new double[] {Math.max(0, cost[0] - ran), Math.max(0, cost[1] - ran)});
            } else {
                queued.add(cost);
            }
        }
        return new Remaining(seconds(makespan(busy, queued, 0)), seconds(makespan(busy, queued, 1)),
                List.copyOf(pending));
    }

    /**
     * The seconds, low and high, of {@code u}, units of run {@code r} per phase (all of them, or those left after a
     * resume), and of its time outside the phases (loading data, writing files: a resumed run does both again); null
     * where nothing comparable has finished.
     */
    private double[] cost(Run r, double[] u) {
        if (r.units() <= 0) { // its work unknown: its key's mean run
            List<Double> walls = past(wallsOf.get(r.key()));
            if (walls == null) {
                return null;
            }
            double mean = walls.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            return new double[] {mean, mean};
        }
        double lo = 0;
        double hi = 0;
        boolean phased = false;
        for (int p = 0; p < u.length; p++) {
            if (u[p] <= 0) {
                continue;
            }
            int phase = p;
            double[] k = nearest(r, key -> phaseRatesOf.containsKey(key) ? median(phaseRatesOf.get(key).get(phase)) : null);
            if (k != null) {
                phased = true;
            } else { // a phase no finished run measured: the whole runs' rate
                k = nearest(r, key -> median(ratesOf.get(key)));
                if (k == null) {
                    return null;
                }
            }
            lo += u[p] * k[0];
            hi += u[p] * k[1];
        }
        double[] outside = phased ? nearest(r, key -> median(overheadsOf.get(key))) : null;
        return outside == null ? new double[] {lo, hi} : new double[] {lo + outside[0], hi + outside[1]};
    }

    /**
     * {@code of}'s value for the run's own key, else the range of it over its preset's other keys (grid points); null
     * where no key of its preset has one (another preset's rates, even of its model, say nothing of its own).
     */
    private double[] nearest(Run r, Function<String, Double> of) {
        Double own = of.apply(r.key());
        if (own != null) {
            return new double[] {own, own};
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Run other : runs.values()) {
            Double k = other.preset().equals(r.preset()) ? of.apply(other.key()) : null;
            if (k != null) {
                lo = Math.min(lo, k);
                hi = Math.max(hi, k);
            }
        }
        return hi >= lo ? new double[] {lo, hi} : null;
    }

    /**
     * The values of a key's warm runs where it has any, else of all its runs (cold, or finished before this process):
     * those past the JIT's warm-up ({@link Sample#warm}); null where there are none.
     */
    private static List<Double> past(List<Sample> samples) {
        if (samples == null || samples.isEmpty()) {
            return null;
        }
        boolean anyWarm = samples.stream().anyMatch(Sample::warm);
        return samples.stream().filter(s -> s.warm() || !anyWarm).map(Sample::value).toList();
    }

    /**
     * The median of a key's values (seconds per unit, or outside the phases; its warm runs' where it has any,
     * {@link #past}), as {@link MeasuredCosts#calibrate}, so that a first run that paid the JIT's warm-up (8 s against
     * 1 s for a small {@code paper} run) stops counting once a warm run has finished, or from the third run where none
     * ran warm; null where there are none.
     */
    private static Double median(List<Sample> samples) {
        List<Double> v = past(samples);
        if (v == null) {
            return null;
        }
        double[] x = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return x.length % 2 == 1 ? x[x.length / 2] : (x[x.length / 2 - 1] + x[x.length / 2]) / 2;
    }

    /** When the last of {@code workers} is done: the busy ones first, then the queue in order to the first free. */
    private double makespan(List<double[]> busy, List<double[]> queued, int end) {
        // a started run is running, even beyond the workers (an engine may run more tasks at once than it said)
        double[] freeAt = new double[Math.max(workers, busy.size())];
        for (int w = 0; w < busy.size(); w++) {
            freeAt[w] = busy.get(w)[end];
        }
        return ListSchedule.makespan(freeAt, queued.stream().mapToDouble(q -> q[end]).toArray());
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    /** h:mm:ss, as the progress bar writes times. */
    static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
