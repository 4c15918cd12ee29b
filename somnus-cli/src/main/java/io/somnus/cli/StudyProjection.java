package io.somnus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.somnus.experiment.sweep.StudyEstimate;
import io.somnus.experiment.sweep.SweepCommandSupport;
import io.somnus.experiment.sweep.SweepPlan;
import io.somnus.experiment.sweep.SweepRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The projected wall time of a planned sweep ({@code reproduce --estimate}, {@code sweep --estimate}). */
final class StudyProjection {
    private StudyProjection() { }

    /** {@code --cores}, or the machine's; refused below 1. */
    static int cores(Integer given) {
        int n = given == null ? SweepCommandSupport.defaultWorkers() : given;
        if (n < 1) {
            throw new CliException("--cores must be >= 1, got " + n);
        }
        return n;
    }

    /** Per-preset costs from the finished runs of a sweep directory given as {@code --calibration}. */
    static Map<String, StudyEstimate.UnitCosts> costsFrom(Path calibration) throws IOException {
        if (!Files.isDirectory(calibration.resolve(SweepRunner.RUNS_DIR))) {
            throw new CliException("--calibration " + calibration + ": not a sweep directory (no runs/ in it)");
        }
        return StudyEstimate.calibrate(calibration);
    }

    /**
     * "WHAT (datasets), N runs, costs from SOURCE, date:" then the table and the projected wall time.
     *
     * @throws CliException when the costs lack a preset of the plan, naming where the costs came from
     */
    static String text(String what, SweepPlan plan, Map<String, StudyEstimate.UnitCosts> costs, String source, int cores) {
        List<JsonNode> configs = plan.runs().stream().map(r -> (JsonNode) r.config()).toList();
        StudyEstimate.Estimate e;
        try {
            e = StudyEstimate.estimate(configs, costs, cores);
        } catch (IllegalArgumentException ex) {
            throw new CliException(ex.getMessage() + " (in " + source + ")");
        }
        return String.format(Locale.ROOT, "%s (%s), %d runs, costs from %s, %s:%n%n%s%n", what,
                String.join(", ", plan.spec().datasets()), plan.runs().size(), source, LocalDate.now(ZoneOffset.UTC),
                StudyEstimate.format(e));
    }
}
