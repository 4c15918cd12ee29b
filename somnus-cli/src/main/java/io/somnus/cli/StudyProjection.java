package io.somnus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.FileTrees;
import io.somnus.experiment.run.RunConfigResolver;
import io.somnus.experiment.run.RunCpuTime;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.sweep.RecordedCpuShares;
import io.somnus.experiment.sweep.RunCpuShares;
import io.somnus.experiment.sweep.StudyCalibration;
import io.somnus.experiment.sweep.StudyEstimate;
import io.somnus.experiment.sweep.EstimateTable;
import io.somnus.experiment.sweep.MeasuredCosts;
import io.somnus.experiment.sweep.SweepCommandSupport;
import io.somnus.experiment.sweep.SweepPlan;
import io.somnus.experiment.sweep.SweepRunner;
import io.somnus.sg.SgThreading;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The projected wall time of a planned sweep ({@code reproduce --estimate}, {@code sweep --estimate}). */
final class StudyProjection {
    private StudyProjection() { }

    /**
     * Per-key costs, what the runs' keys are, where the costs came from (for the heading) and a closing line on how
     * they were measured ("" for none).
     */
    record Costs(Map<String, StudyEstimate.UnitCosts> perKey, Function<JsonNode, String> key, String source,
                 String note) { }

    /** {@code --cores}, or the machine's; refused below 1. */
    static int cores(Integer given) {
        int n = given == null ? SweepCommandSupport.defaultWorkers() : given;
        if (n < 1) {
            throw new CliException("--cores must be >= 1, got " + n);
        }
        return n;
    }

    /** The costs of {@code --calibration}'s finished runs when it is given, else of calibration runs of the plan. */
    static Costs costs(Path calibration, RunConfigResolver resolver, SweepPlan plan, PrintWriter progress)
            throws IOException, InterruptedException {
        return calibration != null ? costsFrom(calibration, plan) : calibrate(resolver, plan, progress);
    }

    /**
     * Costs from the finished runs of a sweep directory given as {@code --calibration}: per preset, variant and grid
     * value as the calibration runs are keyed ({@link StudyCalibration#costKey}) where its runs cover every key of the
     * plan (the sweep's own runs, or a pilot of it), else per preset.
     */
    private static Costs costsFrom(Path calibration, SweepPlan plan) throws IOException {
        if (!Files.isDirectory(calibration.resolve(SweepRunner.RUNS_DIR))) {
            throw new CliException("--calibration " + calibration + ": not a sweep directory (no runs/ in it)");
        }
        List<String> differences = StudyCalibration.pilotDifferences(plan, calibration);
        String note = differences.isEmpty() ? "" : String.format(Locale.ROOT, "The runs of %s differ from the sweep's in "
                + "more than their sizes (%s%s): their costs may not carry over.%n", calibration,
                String.join("; ", differences.subList(0, Math.min(4, differences.size()))),
                differences.size() > 4 ? "; and " + (differences.size() - 4) + " more" : "");
        Function<JsonNode, String> key = StudyCalibration.costKey(plan.spec());
        RecordedCpuShares shares = new RecordedCpuShares(calibration);
        Map<String, StudyEstimate.UnitCosts> keyed = MeasuredCosts.calibrate(calibration, key, shares);
        List<String> missing = plan.runs().stream().map(r -> key.apply(r.config())).distinct()
                .filter(k -> !keyed.containsKey(k)).toList();
        if (missing.isEmpty()) {
            return new Costs(keyed, key, "the runs of " + calibration, note + recordedNote(shares));
        }
        boolean keyedApart = plan.runs().stream().anyMatch(r -> !key.apply(r.config())
                .equals(StudyEstimate.BY_PRESET.apply(r.config())));
        return new Costs(MeasuredCosts.calibrate(calibration, StudyEstimate.BY_PRESET, shares), StudyEstimate.BY_PRESET,
                "the runs of " + calibration, (keyedApart ? String.format(Locale.ROOT, "The runs of %s have none of %s, "
                + "so every run is costed at its preset's median over all of them, whatever its variant or grid value."
                + "%n", calibration, String.join(", ", missing)) : "") + note + recordedNote(shares));
    }

    /**
     * The closing note of an estimate from {@code --calibration}'s runs: how many were priced at the CPU time they
     * recorded (timing.json's run_cpu) and how many at their wall time ("" where no run was priced).
     */
    static String recordedNote(RecordedCpuShares shares) {
        int cpu = shares.priced().size();
        int wall = shares.wallTime().size();
        if (wall == 0 && cpu == 0) {
            return "";
        }
        if (wall == 0) {
            return String.format(Locale.ROOT, "The costs are CPU time: every run priced (%d) recorded its CPU "
                    + "seconds per wall second (timing.json's run_cpu), what a run takes with a core to itself; the "
                    + "projection assumes one run per core.%n", cpu);
        }
        return String.format(Locale.ROOT, "%s%d of the runs priced recorded no CPU time (written before Somnus "
                + "recorded it, or sharing their JVM with other runs while taking threads of their own), so their costs "
                + "are their wall time: on a host loaded beyond its cores that comes out too high.%n",
                cpu == 0 ? "" : String.format(Locale.ROOT, "%d of the runs priced are costed at the CPU time they "
                        + "recorded (timing.json's run_cpu); ", cpu), wall);
    }

    /**
     * Costs from calibration runs of the plan ({@link StudyCalibration}), run here one at a time in a temporary
     * directory that is deleted afterwards, saying so on {@code progress}; the note gives the load average before and
     * after.
     */
    private static Costs calibrate(RunConfigResolver resolver, SweepPlan plan, PrintWriter progress)
            throws IOException, InterruptedException {
        SweepPlan calibration = StudyCalibration.plan(plan, resolver);
        Path dir = Files.createTempDirectory("somnus-calibration-");
        double loadBefore = loadAverage();
        try {
            progress.println("calibrating: " + calibration.runs().size() + " short runs, one at a time ...");
            progress.flush();
            // The projection puts one run on each core, where an SG-SNN run takes no second thread: calibrate on
            // one thread too, unless the user chose otherwise.
            RunCpuShares cpu;
            try (SgThreading.Scope scope = SgThreading.use(
                    SgThreading.chosenByProperty() ? SgThreading.current() : SgThreading.ONE)) {
                cpu = new RunCpuShares(RunCpuTime.JVM, measure(SgThreading.current(), SgThreading.blasThreads()));
                new SweepRunner(new StandardRunExecutor()).execute(calibration, dir, 1, false, cpu);
            }
            Function<JsonNode, String> key = StudyCalibration.costKey(plan.spec());
            return new Costs(MeasuredCosts.calibrate(dir, key, cpu::share), key, "calibration runs ("
                    + StudyCalibration.DESCRIPTION + ")", cpuNote(cpu, loadBefore, loadAverage(),
                    Runtime.getRuntime().availableProcessors()));
        } finally {
            FileTrees.deleteRecursively(dir);
        }
    }

    /**
     * Which CPU time prices a calibration run: its thread's where it does all its work there (STDP-SNN runs always, as
     * the calibration sets one evaluation thread; SG-SNN runs on one thread with one OpenBLAS thread), else the JVM's,
     * which also holds a second SG thread and OpenBLAS's native threads that the thread's CPU time cannot see.
     */
    static RunCpuTime.Measure measure(SgThreading sg, int blasThreads) {
        return RunCpuTime.sgMeasure(sg, blasThreads);
    }

    /**
     * The closing note of an estimate from calibration runs: what its costs are (CPU time of which clock, or wall time
     * where the JVM measures none), the calibration runs' wall and CPU minutes, and the load while they ran.
     */
    static String cpuNote(RunCpuShares cpu, double loadBefore, double loadAfter, int processors) {
        RunCpuTime.Seconds t = cpu.total();
        double priced = cpu.measure() == RunCpuTime.Measure.THREAD ? t.threadCpu() : t.processCpu();
        String load = String.format(Locale.ROOT, "Load average (1 min) while estimating: %.1f at the start, %.1f at the "
                + "end, on %d cores.", loadBefore, loadAfter, processors);
        if (Double.isNaN(priced)) {
            return String.format(Locale.ROOT, "%s This JVM measures no CPU time, so the costs are the calibration "
                    + "runs' wall time: a load above the core count gives each run less than a core, and the projection "
                    + "comes out too high.%n", load);
        }
        return String.format(Locale.ROOT, "The costs are CPU time (%s), what a run takes with a core to itself: the "
                + "projection assumes one run per core. That keeps most of the host's load out of the costs, not all: a "
                + "short run's CPU time per unit still moves with a loaded host (by ±30 %% on a shared 2-core VM), so "
                + "compare readings at like loads (the calibration runs took %.1f min of wall time, %.1f min of CPU on "
                + "their threads, %.1f min of the JVM's). %s A study run on a host with more runnable work than cores "
                + "takes longer than projected.%n",
                cpu.measure() == RunCpuTime.Measure.THREAD ? "each calibration run's thread's"
                        : "the JVM's while each calibration run ran, its native BLAS threads included",
                t.wall() / 60, t.threadCpu() / 60, t.processCpu() / 60, load);
    }

    /** The system's 1-minute load average (NaN where the OS does not tell). */
    private static double loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? Double.NaN : l;
    }

    /**
     * "WHAT (datasets), N runs, costs from SOURCE, date:" then the table, the projected wall time and the costs' note.
     *
     * @throws CliException when the costs lack a preset of the plan, naming where the costs came from
     */
    static String text(String what, SweepPlan plan, Costs costs, int cores) {
        List<JsonNode> configs = plan.runs().stream().map(r -> (JsonNode) r.config()).toList();
        StudyEstimate.Projection e;
        try {
            e = StudyEstimate.project(configs, costs.key(), costs.perKey(), cores);
        } catch (IllegalArgumentException ex) {
            throw new CliException(ex.getMessage() + " (in " + costs.source() + ")");
        }
        return String.format(Locale.ROOT, "%s (%s), %d runs, costs from %s, %s:%n%n%s%n%sNot counted: starting each "
                + "JVM, loading data, the statistics and report after the runs, and the JIT's warm-up in the first runs "
                + "(in a calibration or pilot of short runs it raises their costs).%n", what,
                String.join(", ", plan.spec().datasets()), plan.runs().size(), costs.source(),
                LocalDate.now(ZoneOffset.UTC), EstimateTable.format(e), costs.note());
    }
}
