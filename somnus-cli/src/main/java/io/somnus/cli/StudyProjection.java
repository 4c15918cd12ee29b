package io.somnus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.io.FileTrees;
import io.somnus.experiment.run.RunConfigResolver;
import io.somnus.experiment.run.StandardRunExecutor;
import io.somnus.experiment.sweep.StudyCalibration;
import io.somnus.experiment.sweep.StudyEstimate;
import io.somnus.experiment.sweep.SweepCommandSupport;
import io.somnus.experiment.sweep.SweepListener;
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
        Map<String, StudyEstimate.UnitCosts> keyed = StudyEstimate.calibrate(calibration, key);
        List<String> missing = plan.runs().stream().map(r -> key.apply(r.config())).distinct()
                .filter(k -> !keyed.containsKey(k)).toList();
        if (missing.isEmpty()) {
            return new Costs(keyed, key, "the runs of " + calibration, note);
        }
        boolean keyedApart = plan.runs().stream().anyMatch(r -> !key.apply(r.config())
                .equals(StudyEstimate.BY_PRESET.apply(r.config())));
        return new Costs(StudyEstimate.calibrate(calibration, StudyEstimate.BY_PRESET), StudyEstimate.BY_PRESET,
                "the runs of " + calibration, (keyedApart ? String.format(Locale.ROOT, "The runs of %s have none of %s, "
                + "so every run is costed at its preset's median over all of them, whatever its variant or grid value."
                + "%n", calibration, String.join(", ", missing)) : "") + note);
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
            try (SgThreading.Scope scope = SgThreading.use(
                    SgThreading.chosenByProperty() ? SgThreading.current() : SgThreading.ONE)) {
                new SweepRunner(new StandardRunExecutor()).execute(calibration, dir, 1, false, SweepListener.NONE);
            }
            Function<JsonNode, String> key = StudyCalibration.costKey(plan.spec());
            return new Costs(StudyEstimate.calibrate(dir, key), key, "calibration runs (" + StudyCalibration.DESCRIPTION
                    + ")", String.format(Locale.ROOT, "Load average (1 min) while estimating: %.1f at the start, %.1f at "
                    + "the end, on %d cores (a load above the core count gives each calibration run less than a core, "
                    + "so its costs come out too high).%n", loadBefore, loadAverage(),
                    Runtime.getRuntime().availableProcessors()));
        } finally {
            FileTrees.deleteRecursively(dir);
        }
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
                LocalDate.now(ZoneOffset.UTC), StudyEstimate.format(e), costs.note());
    }
}
